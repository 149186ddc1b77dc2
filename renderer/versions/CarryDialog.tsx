// "Carry annotations to this version" (issue 9.3): both directions are tried
// as dry runs first, so the researcher sees what each would give (anchored /
// moved / orphaned, and what was carried before) before anything is written.
import { useEffect, useState } from 'preact/hooks';
import type { Side } from '../../common/compare-rows.ts';
import type { CarryResult, Source } from '../../common/types.ts';
import { Dialog } from '../dialogs/Dialog.tsx';

const other = (s: Side): Side => (s === 'a' ? 'b' : 'a');

function summary(r: CarryResult): string {
  const n = r.carried.length;
  if (n === 0 && r.skipped.length === 0) return 'no annotations to carry';
  const parts = n ? [`${n} to copy: ${r.anchored} anchored, ${r.moved} moved, ${r.orphaned} orphaned`] : ['nothing new to copy'];
  const before = r.skipped.length - r.alreadyThere;
  if (before) parts.push(`${before} carried before`);
  if (r.alreadyThere) parts.push(`${r.alreadyThere} already there`);
  return parts.join('; ');
}

export function CarryDialog({ a, b, onClose, onCarried, fail }: {
  a: Source; b: Source; onClose(): void;
  /** Copies were written from this side onto the other. */
  onCarried(from: Side): void;
  fail(e: unknown): void;
}) {
  const sources = { a, b };
  const [preview, setPreview] = useState<Record<Side, CarryResult> | null>(null);
  const [from, setFrom] = useState<Side>('b');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    Promise.all([window.lectern.carryAnnotations(a.id, b.id, { dryRun: true }), window.lectern.carryAnnotations(b.id, a.id, { dryRun: true })])
      .then(([ab, ba]) => {
        setPreview({ a: ab, b: ba });
        setFrom(ba.carried.length >= ab.carried.length ? 'b' : 'a');
      }, (e: unknown) => { fail(e); onClose(); });
  }, [a.id, b.id]);
  const carry = async () => {
    setBusy(true);
    try {
      await window.lectern.carryAnnotations(sources[from].id, sources[other(from)].id);
      onCarried(from);
    } catch (e) { fail(e); setBusy(false); }
  };
  const chosen = preview?.[from];
  return (
    <Dialog title="Carry annotations" onClose={() => { if (!busy) onClose(); }} class="carry-dialog">
      <p class="muted">Each annotation is copied (never moved) onto the other version, through the alignment, with its comment, tags and colour. You review every copy afterwards.</p>
      {!preview ? <p role="status">Looking at what each way would give…</p> : (
        <fieldset class="carry-choice">
          <legend>Carry</legend>
          {(['b', 'a'] as const).map((s) => (
            <label key={s} class="carry-option">
              <input type="radio" name="carry-from" checked={from === s} onChange={() => setFrom(s)} disabled={preview[s].carried.length === 0} />
              <span><b>{s.toUpperCase()} → {other(s).toUpperCase()}</b>: from “{sources[s].title}” to “{sources[other(s)].title}” — {summary(preview[s])}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div class="row dialog-actions">
        <button type="button" class="primary" disabled={busy || !chosen || chosen.carried.length === 0} onClick={() => void carry()}>
          {chosen && chosen.carried.length ? `Carry ${chosen.carried.length} annotation${chosen.carried.length === 1 ? '' : 's'}` : 'Carry'}
        </button>
        <button type="button" onClick={onClose} disabled={busy}>Cancel</button>
      </div>
    </Dialog>
  );
}
