// The sync status in the window's toolbar: synced / syncing n changes /
// offline / n conflicts. A click opens the conflicts list (or says why sync
// failed). Polls the back end: changes may come from another process.
import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus as Status } from '../../common/types.ts';
import { ConflictsDialog } from './ConflictsDialog.tsx';

const POLL_MS = 1500;

export function statusText(s: Status): string {
  if (s.conflicts > 0) return `${s.conflicts} conflict${s.conflicts === 1 ? '' : 's'}`;
  if (s.state === 'syncing') return s.pending > 0 ? `Syncing ${s.pending} change${s.pending === 1 ? '' : 's'}` : 'Syncing';
  if (s.state === 'offline') return 'Offline';
  if (s.state === 'error') return 'Sync failed';
  return s.pending > 0 ? `${s.pending} to sync` : 'Synced';
}

export function SyncStatus() {
  const [status, setStatus] = useState<Status | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    const poll = () => window.lectern.syncStatus().then((s) => { if (live) setStatus(s); }).catch(() => {});
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => { live = false; clearInterval(timer); };
  }, []);
  if (!status || status.state === 'off') return null;
  const label = statusText(status);
  const title = [status.message, status.lastSyncAt ? `Last synced ${new Date(status.lastSyncAt).toLocaleString()}` : 'Not synced yet'].filter(Boolean).join('\n');
  return (
    <>
      <button type="button" class={`sync-status state-${status.conflicts > 0 ? 'conflicts' : status.state}`} title={title}
        aria-label={`Sync: ${label}`} onClick={() => setOpen(true)}>
        <span aria-hidden="true">{status.state === 'offline' ? '⊘' : status.conflicts > 0 ? '⚠' : '⟳'}</span> {label}
      </button>
      {open && <ConflictsDialog status={status} onClose={() => setOpen(false)} />}
    </>
  );
}
