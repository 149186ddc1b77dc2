// Says, above everything, when this library cannot take changes: opened
// read-only (a read-only folder or file), written by a newer Lectern, or found
// damaged by the start-up check. Every write is refused by the store then;
// this tells the researcher before they type something that cannot be kept.
import { useEffect, useState } from 'preact/hooks';
import type { LibraryStatus } from '../../common/types.ts';

/** What the banner says for a status, or null when the library takes changes. */
export function libraryStatusMessage(status: LibraryStatus): string | null {
  const damaged = status.lastCheck && !status.lastCheck.ok;
  if (status.readOnly?.code === 'damaged' || (damaged && !status.readOnly)) {
    return `This library is damaged (${status.path}), so changes are not saved. Your data has not been overwritten: restore the latest backup, or run "lectern check --full" to see what is wrong.`;
  }
  if (status.readOnly?.code === 'newer-schema') {
    return `This library was written by a newer Lectern (schema ${status.schemaVersion}, this one knows ${status.appSchemaVersion}): you can read it, but changes are not saved. Update Lectern to edit it.`;
  }
  if (status.readOnly) return `This library is read-only (${status.readOnly.message}): you can read and export, but changes are not saved.`;
  return null;
}

export function LibraryStatusBanner({ refresh }: { refresh: number }) {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    window.lectern.libraryStatus().then((s) => { if (live) setMessage(libraryStatusMessage(s)); }, () => {});
    return () => { live = false; };
  }, [refresh]);
  if (!message) return null;
  return <div class="library-status" role="alert">{message}</div>;
}
