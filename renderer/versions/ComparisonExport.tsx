// Export the comparison report of the pair in the compare view (issue 9.5): PDF
// or Markdown, saved where the shell's save dialog says (chooseSavePath).
import { useState } from 'preact/hooks';
import type { ExportResult, Source } from '../../common/types.ts';
import { Dialog } from '../dialogs/Dialog.tsx';
import { exportFileName } from '../dialogs/Export.tsx';

type Status = { state: 'idle' } | { state: 'running' } | { state: 'cancelled' } | { state: 'done'; result: ExportResult } | { state: 'error'; message: string };

export function ComparisonExport({ a, b, onClose }: { a: Source; b: Source; onClose(): void }) {
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const busy = status.state === 'running';
  const run = async (suffix: '.pdf' | '.md') => {
    setStatus({ state: 'running' });
    try {
      const path = await window.lectern.chooseSavePath(exportFileName(`Comparison - ${a.title.slice(0, 50)} - ${b.title.slice(0, 50)}`, suffix));
      if (path === null) { setStatus({ state: 'cancelled' }); return; }
      setStatus({ state: 'done', result: await window.lectern.exportComparison(a.id, b.id, path) });
    } catch (e) {
      setStatus({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Dialog title="Export comparison report" onClose={() => { if (!busy) onClose(); }} class="export">
      <p class="muted">Both sources with their SHA-256, the figures, every aligned passage with its differences marked, the passages only one has, and the annotations carried between them with their verdicts.</p>
      <div class="row" role="group" aria-label="Report format">
        <button type="button" disabled={busy} onClick={() => void run('.pdf')}>PDF</button>
        <button type="button" disabled={busy} onClick={() => void run('.md')}>Markdown</button>
      </div>
      {status.state === 'running' && <p class="export-status" role="status">Writing the report…</p>}
      {status.state === 'cancelled' && <p class="export-status muted" role="status">Export cancelled.</p>}
      {status.state === 'error' && <p class="export-status error-text" role="alert">Could not export the report: {status.message}</p>}
      {status.state === 'done' && (
        <p class="export-status export-done" role="status">
          Saved {status.result.path.split(/[\\/]/).pop()}{status.result.pages ? ` (${status.result.pages} pages)` : ''}.
          {status.result.missingGlyphs?.length ? ` The fonts lack: ${status.result.missingGlyphs.join(' ')}.` : ''}
        </p>
      )}
    </Dialog>
  );
}
