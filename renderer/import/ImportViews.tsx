// The drop target shown while files are dragged over the window, the progress
// bar, and the summary at the end of an import.
import type { ComponentChildren } from 'preact';
import type { FoundRelation, ImportResult, ImportedRevision } from '../../common/types.ts';
import type { Progress } from './drop.ts';
import { Dialog } from '../dialogs/Dialog.tsx';
import { emit } from '../bus.ts';

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
  const { imported, duplicates, failed, revisions, versions } = result;
  const title = (id: string) => imported.find((i) => i.id === id)?.title ?? titleOf(id);
  const compare = (a: string, b: string) => { onClose(); emit('compare', { a, b }); };
  return (
    <Dialog title="Import finished" onClose={onClose} class="summary">
      <p class="summary-line">
        <strong>{imported.length}</strong> imported · <strong>{duplicates.length}</strong> {duplicates.length === 1 ? 'duplicate' : 'duplicates'} · <strong>{failed.length}</strong> failed
      </p>
      {(versions.length > 0 || revisions.length > 0 || result.versionsError || result.versionsNotLookedFor) && (
        <p class="summary-versions">
          {versions.length > 0 && <span><strong>{versions.length}</strong> {versions.length === 1 ? 'version or shared passage' : 'versions or shared passages'} found</span>}
          {versions.length > 0 && revisions.length > 0 && ' · '}
          {revisions.length > 0 && <span><strong>{revisions.length}</strong> {revisions.length === 1 ? 'file is a new revision' : 'files are new revisions'} of an earlier import</span>}
          {result.versionsError && <span class="reason"> Versions were not looked for: {result.versionsError}</span>}
          {result.versionsNotLookedFor?.map((n) => (
            <span key={n.id} class="reason"> No versions looked for of “{title(n.id)}”: {n.reason}.</span>
          ))}
        </p>
      )}
      {children}
      {revisions.length > 0 && <RevisionsFound revisions={revisions} title={title} onOpen={onOpen} onCompare={compare} />}
      {versions.length > 0 && <VersionsFound versions={versions} title={title} onOpen={onOpen} onCompare={compare} />}
      {imported.length > 0 && (
        <section aria-label="Imported">
          <h3>Imported ({imported.length})</h3>
          <ul class="summary-list">
            {imported.slice(0, LIST_MAX).map((i) => (
              <li key={i.id}>
                <button type="button" class="link" onClick={() => onOpen(i.id)}>{i.title}</button> <span class="muted">{i.path}</span>
                <div class="summary-extracted muted">{i.summary}</div>
              </li>
            ))}
            {imported.length > LIST_MAX && <li class="muted">and {imported.length - LIST_MAX} more</li>}
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

/** How many rows a summary list shows (the rest is counted). */
const LIST_MAX = 200;

function RevisionsFound({ revisions, title, onOpen, onCompare }: {
  revisions: ImportedRevision[]; title(id: string): string; onOpen(id: string): void; onCompare(earlier: string, later: string): void;
}) {
  return (
    <section aria-label="New revisions">
      <h3>New revisions ({revisions.length})</h3>
      <ul class="summary-list">
        {revisions.slice(0, LIST_MAX).map((r) => (
          <li key={r.id}>
            <button type="button" class="link" onClick={() => onOpen(r.id)}>{title(r.id)}</button> <span class="muted">{r.path}</span> changed since it was imported: linked as the next revision of{' '}
            <button type="button" class="link" onClick={() => onOpen(r.revisionOf)}>{r.revisionOfTitle}</button>{' '}
            <button type="button" onClick={() => onCompare(r.revisionOf, r.id)}>Compare</button>
          </li>
        ))}
        {revisions.length > LIST_MAX && <li class="muted">and {revisions.length - LIST_MAX} more</li>}
      </ul>
    </section>
  );
}

const share = (x: number) => `${Math.round(x * 100)}%`;

function VersionsFound({ versions, title, onOpen, onCompare }: {
  versions: FoundRelation[]; title(id: string): string; onOpen(id: string): void; onCompare(a: string, b: string): void;
}) {
  return (
    <section aria-label="Versions found">
      <h3>Versions and shared passages ({versions.length})</h3>
      <ul class="summary-list">
        {versions.slice(0, LIST_MAX).map((v) => (
          <li key={`${v.id}|${v.other}`}>
            <button type="button" class="link" onClick={() => onOpen(v.id)}>{title(v.id)}</button> {v.kind === 'version' ? 'is a version of' : 'shares passages with'}{' '}
            <button type="button" class="link" onClick={() => onOpen(v.other)}>{v.otherTitle}</button>{' '}
            <span class="muted">({share(v.aInB)} of it is in the other, {share(v.bInA)} of the other in it)</span>{' '}
            <button type="button" onClick={() => onCompare(v.id, v.other)}>Compare</button>
          </li>
        ))}
        {versions.length > LIST_MAX && <li class="muted">and {versions.length - LIST_MAX} more</li>}
      </ul>
    </section>
  );
}
