// Records edited on two machines where both changed the same fields: both
// versions side by side, and Keep this one / Keep the other / (notes) Keep both.
// Also what sync decided on its own (merges, a delete against an edit).
import { useEffect, useState } from 'preact/hooks';
import type { SyncKindName, SyncConflict, SyncNotice, SyncStatus } from '../../common/types.ts';
import { Dialog } from '../dialogs/Dialog.tsx';

const KIND = { note: 'Note', annotation: 'Annotation', source: 'Source', tag: 'Tag', collection: 'Collection', relation: 'Version relation' } as const satisfies Record<SyncKindName, string>;

type Doc = { type: string; content?: Doc[]; text?: string };

/** A note's document as plain text (paragraphs on lines). */
function docText(doc: unknown): string {
  const out: string[] = [];
  const walk = (n: Doc) => {
    if (n.text) out.push(n.text);
    n.content?.forEach(walk);
    if (n.type === 'paragraph' || n.type === 'heading') out.push('\n');
  };
  if (doc && typeof doc === 'object') walk(doc as Doc);
  return out.join('').trim();
}

function fieldText(record: Record<string, unknown>, field: string): string {
  if (field === 'doc') return docText(record.doc);
  if (field === 'anchor') return String(record.exact ?? '');
  const v = record[field];
  return Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '—' : String(v);
}

/** Both notes' paragraphs, this machine's first: nothing lost, to be tidied in the editor. */
function bothDocs(ours: unknown, theirs: unknown): unknown {
  const blocks = (d: unknown) => ((d as Doc | null)?.content ?? []);
  return { type: 'doc', content: [...blocks(ours), { type: 'horizontal_rule' }, ...blocks(theirs)] };
}

export function ConflictsDialog({ status, onClose }: { status: SyncStatus; onClose(): void }) {
  const [conflicts, setConflicts] = useState<SyncConflict[] | null>(null);
  const [notices, setNotices] = useState<SyncNotice[]>([]);
  const [error, setError] = useState('');
  const load = () => Promise.all([window.lectern.listSyncConflicts(), window.lectern.listSyncNotices()])
    .then(([c, n]) => { setConflicts(c); setNotices(n.slice(0, 20)); }).catch((e: unknown) => setError(String(e)));
  useEffect(() => { void load(); }, []);
  const resolve = async (c: SyncConflict, how: Parameters<typeof window.lectern.resolveSyncConflict>[1]) => {
    try {
      setConflicts(await window.lectern.resolveSyncConflict(c.docId, how));
      void window.lectern.syncNow().catch(() => {});
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Dialog title="Sync" onClose={onClose} class="sync-dialog" scrollable>
      {status.message && <p class={status.state === 'error' || status.state === 'offline' ? 'sync-result error' : 'muted'}>{status.message}</p>}
      {error && <p class="sync-result error" role="alert">{error}</p>}
      <h3>{conflicts === null ? 'Conflicts…' : conflicts.length === 0 ? 'No conflicts' : `Edited on two machines (${conflicts.length})`}</h3>
      <ul class="conflicts">
        {conflicts?.map((c) => (
          <li key={c.docId} class="conflict">
            <p><strong>{KIND[c.kind]}</strong> “{c.label}” was edited on two machines ({c.fields.join(', ')}).</p>
            {c.theirs.map((t) => (
              <div key={t.rev}>
                <div class="conflict-sides">
                  <section aria-label="This machine">
                    <h4>This machine</h4>
                    {c.fields.map((f) => <p key={f} class="conflict-text"><span class="muted">{f}: </span>{fieldText(c.ours, f)}</p>)}
                  </section>
                  <section aria-label="Other machine">
                    <h4>Other machine</h4>
                    {c.fields.map((f) => <p key={f} class="conflict-text"><span class="muted">{f}: </span>{fieldText(t.record, f)}</p>)}
                  </section>
                </div>
                <div class="row">
                  <button type="button" onClick={() => void resolve(c, { keep: 'ours' })}>Keep this machine’s</button>
                  <button type="button" onClick={() => void resolve(c, { keep: 'theirs', rev: t.rev })}>Keep the other</button>
                  {c.kind === 'note' && c.fields.includes('doc') && (
                    <button type="button" class="primary" onClick={() => void resolve(c, { merged: { doc: bothDocs(c.ours.doc, t.record.doc) } })}>Keep both texts</button>
                  )}
                </div>
              </div>
            ))}
          </li>
        ))}
      </ul>
      {notices.length > 0 && (
        <>
          <h3>Decided by sync</h3>
          <ul class="sync-notices">{notices.map((n) => <li key={`${n.at}${n.docId}`}><span class="muted">{new Date(n.at).toLocaleString()}</span> {n.message}</li>)}</ul>
        </>
      )}
    </Dialog>
  );
}
