// The drop target shown while files are dragged over the window, the progress
// bar, and the summary at the end of an import.
import type { ComponentChildren } from 'preact';
import type { ImportResult } from '../../common/types.ts';
import type { Progress } from './drop.ts';
import { Dialog } from '../dialogs/Dialog.tsx';

export function DropOverlay({ busy }: { busy: boolean }) {
  return (
    <div class="drop-overlay" role="status" aria-label="Drop target">
      <div class="drop-box">
        <p class="empty-title">Drop to import</p>
        <p class="empty-hint">{busy ? 'An import is running: these start when it finishes' : 'Text, Markdown, HTML, Word (DOCX) and PDF files, or folders of them'}</p>
      </div>
    </div>
  );
}

export function ImportProgress({ progress, waiting }: { progress: Progress; waiting: number }) {
  const pct = progress.total ? Math.round((100 * progress.done) / progress.total) : 0;
  return (
    <div class="import-progress" role="group" aria-label="Import">
      <div
        class="bar" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={progress.total}
        aria-valuenow={progress.done} aria-valuetext={`${progress.done} of ${progress.total} files`}
      >
        <div class="bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <span class="progress-text">Importing {progress.done} / {progress.total}</span>
      {waiting > 0 && <span class="progress-queue" role="status">{waiting === 1 ? '1 more import waiting' : `${waiting} more imports waiting`}</span>}
      <span class="progress-file" title={progress.current}>{progress.current}</span>
    </div>
  );
}

export function ImportSummary({ result, titleOf, onOpen, onClose, children }: {
  result: ImportResult;
  titleOf(id: string): string;
  onOpen(id: string): void;
  onClose(): void;
  /** More to offer about the imported sources (e.g. making them a collection). */
  children?: ComponentChildren;
}) {
  const { imported, duplicates, failed } = result;
  return (
    <Dialog title="Import finished" onClose={onClose} class="summary">
      <p class="summary-line">
        <strong>{imported.length}</strong> imported · <strong>{duplicates.length}</strong> {duplicates.length === 1 ? 'duplicate' : 'duplicates'} · <strong>{failed.length}</strong> failed
      </p>
      {children}
      {imported.length > 0 && (
        <section aria-label="Imported">
          <h3>Imported ({imported.length})</h3>
          <ul class="summary-list">
            {imported.slice(0, 200).map((i) => (
              <li key={i.id}>
                <button type="button" class="link" onClick={() => onOpen(i.id)}>{i.title}</button> <span class="muted">{i.path}</span>
                <div class="summary-extracted muted">{i.summary}</div>
              </li>
            ))}
            {imported.length > 200 && <li class="muted">and {imported.length - 200} more</li>}
          </ul>
        </section>
      )}
      {duplicates.length > 0 && (
        <section aria-label="Duplicates">
          <h3>Already in the library ({duplicates.length})</h3>
          <ul class="summary-list">
            {duplicates.map((d) => (
              <li key={d.path + d.id}>
                <span class="muted">{d.path}</span> is a copy of{' '}
                <button type="button" class="link" onClick={() => onOpen(d.id)}>{titleOf(d.id)}</button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {failed.length > 0 && (
        <section aria-label="Failed">
          <h3>Not imported ({failed.length})</h3>
          <ul class="summary-list failed">
            {failed.map((f) => <li key={f.path}><span class="path">{f.path}</span>: <span class="reason">{f.error}</span></li>)}
          </ul>
        </section>
      )}
    </Dialog>
  );
}
