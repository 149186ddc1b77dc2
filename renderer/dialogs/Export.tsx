// File > Export…: the open source (annotated PDF, W3C annotations) and the open
// note (PDF, PDF with its cited sources, Markdown). Each export asks the shell
// where to save (chooseSavePath: a native save dialog in Electron), shows the
// back end's progress while it runs and then names the file it wrote. Also the
// result of "Import annotations…" (anchored / moved with score / orphaned).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnnotationImportResult, ExportResult, ProgressEvent } from '../../common/types.ts';
import { Dialog } from './Dialog.tsx';

export interface ExportTarget {
  id: string;
  title: string;
  /** Saves pending edits first (a note being typed in), so the export has them. */
  flush?: () => Promise<unknown>;
}

type Format = 'source-pdf' | 'annotations' | 'note-pdf' | 'note-pdf-sources' | 'note-markdown' | 'passages-csv' | 'passages-markdown' | 'codebook';

const FORMATS: Record<Format, { label: string; suffix: string; run(id: string, path: string): Promise<ExportResult> }> = {
  'source-pdf': { label: 'Annotated PDF', suffix: '.pdf', run: (id, path) => window.lectern.exportSourcePdf(id, path) },
  'annotations': { label: 'Annotations (W3C JSON-LD)', suffix: '.annotations.jsonld', run: (id, path) => window.lectern.exportAnnotations(id, path) },
  'note-pdf': { label: 'PDF', suffix: '.pdf', run: (id, path) => window.lectern.exportNotePdf(id, path) },
  'note-pdf-sources': {
    label: 'PDF with cited sources', suffix: ' (with sources).pdf',
    run: (id, path) => window.lectern.exportNotePdf(id, path, { withSources: true }),
  },
  'note-markdown': { label: 'Markdown', suffix: '.md', run: (id, path) => window.lectern.exportNoteMarkdown(id, path) },
  // the whole library (the Annotations view exports its filtered passages)
  'passages-csv': { label: 'All passages (CSV)', suffix: ' passages.csv', run: (_id, path) => window.lectern.exportPassages({}, path, 'csv') },
  'passages-markdown': { label: 'All passages by tag (Markdown)', suffix: ' passages.md', run: (_id, path) => window.lectern.exportPassages({}, path, 'markdown') },
  'codebook': { label: 'Codebook (REFI-QDA .qdc)', suffix: ' codebook.qdc', run: (_id, path) => window.lectern.exportCodebook(path) },
};
const LIBRARY: ExportTarget = { id: 'library', title: 'Lectern' };

/** A file name from a title: no path separators or characters file systems refuse, not too long. */
export function exportFileName(title: string, suffix: string): string {
  // eslint-disable-next-line no-control-regex
  const base = title.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const cut = Array.from(base).slice(0, 120).join('').trim();
  return `${cut || 'Lectern export'}${suffix}`;
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const kb = (n: number) => (n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

type Status =
  | { state: 'idle' }
  | { state: 'choosing'; format: Format }
  | { state: 'running'; format: Format; path: string; done: number; total: number }
  | { state: 'done'; format: Format; result: ExportResult }
  | { state: 'cancelled' }
  | { state: 'error'; format: Format; message: string };

export function ExportDialog({ source, note, onClose }: {
  source: ExportTarget | null;
  note: ExportTarget | null;
  onClose(): void;
}) {
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const live = useRef(true);
  useEffect(() => () => { live.current = false; }, []);
  const busy = status.state === 'choosing' || status.state === 'running';

  const run = async (format: Format, target: ExportTarget) => {
    if (busy) return;
    const f = FORMATS[format];
    setStatus({ state: 'choosing', format });
    let off: (() => void) | null = null;
    try {
      await target.flush?.();
      const path = await window.lectern.chooseSavePath(exportFileName(target.title, f.suffix));
      if (!live.current) return;
      if (path === null) { setStatus({ state: 'cancelled' }); return; }
      setStatus({ state: 'running', format, path, done: 0, total: 0 });
      off = window.lectern.onProgress((e: ProgressEvent) => {
        if (e.task === 'export' && live.current) {
          setStatus((s) => (s.state === 'running' && s.format === format ? { ...s, done: e.done, total: e.total } : s));
        }
      });
      const result = await f.run(target.id, path);
      if (live.current) setStatus({ state: 'done', format, result });
    } catch (e) {
      if (live.current) setStatus({ state: 'error', format, message: e instanceof Error ? e.message : String(e) });
    } finally {
      off?.();
    }
  };

  const button = (format: Format, target: ExportTarget) => (
    <button type="button" class={status.state !== 'idle' && 'format' in status && status.format === format ? 'primary' : ''}
      disabled={busy} onClick={() => void run(format, target)}>{FORMATS[format].label}</button>
  );

  return (
    <Dialog title="Export" onClose={() => { if (!busy) onClose(); }} class="export">
      <section class="export-group" aria-labelledby="export-source-title">
        <h3 id="export-source-title">Source{source ? <>: <span class="export-name">{source.title}</span></> : ''}</h3>
        {source ? (
          <div class="row" role="group" aria-label="Export the source">
            {button('source-pdf', source)}
            {button('annotations', source)}
          </div>
        ) : <p class="muted">Open a source in the reader to export it.</p>}
      </section>
      <section class="export-group" aria-labelledby="export-note-title">
        <h3 id="export-note-title">Note{note ? <>: <span class="export-name">{note.title || 'Untitled note'}</span></> : ''}</h3>
        {note ? (
          <div class="row" role="group" aria-label="Export the note">
            {button('note-pdf', note)}
            {button('note-pdf-sources', note)}
            {button('note-markdown', note)}
          </div>
        ) : <p class="muted">Open a note in the Notes tab to export it.</p>}
      </section>
      <section class="export-group" aria-labelledby="export-library-title">
        <h3 id="export-library-title">Library</h3>
        <div class="row" role="group" aria-label="Export the library's passages and codebook">
          {button('passages-csv', LIBRARY)}
          {button('passages-markdown', LIBRARY)}
          {button('codebook', LIBRARY)}
        </div>
      </section>
      <ExportStatus status={status} />
    </Dialog>
  );
}

function ExportStatus({ status }: { status: Status }) {
  if (status.state === 'idle') return <p class="export-status muted">Lectern asks where to save, then writes the file.</p>;
  if (status.state === 'cancelled') return <p class="export-status muted" role="status">Export cancelled.</p>;
  if (status.state === 'error') {
    return <p class="export-status error-text" role="alert">Could not export {FORMATS[status.format].label}: {status.message}</p>;
  }
  if (status.state === 'choosing') return <p class="export-status muted" role="status">Choose where to save…</p>;
  if (status.state === 'running') {
    const { done, total } = status;
    return (
      <div class="export-status" role="status">
        <span>Exporting {baseName(status.path)}…</span>
        {total > 0
          ? <progress aria-label="Export progress" max={total} value={done} aria-valuetext={`${done} of ${total}`} />
          : <progress aria-label="Export progress" />}
      </div>
    );
  }
  const r = status.result;
  const details = [
    r.pages !== undefined ? `${r.pages} ${r.pages === 1 ? 'page' : 'pages'}` : '',
    r.annotations !== undefined ? `${r.annotations} ${r.annotations === 1 ? 'annotation' : 'annotations'}` : '',
    r.tags !== undefined ? `${r.tags} ${r.tags === 1 ? 'code' : 'codes'}` : '',
    r.citations !== undefined ? `${r.citations} ${r.citations === 1 ? 'citation' : 'citations'}` : '',
    kb(r.bytes),
  ].filter(Boolean).join(' · ');
  const missing = r.missingGlyphs ?? [];
  return (
    <div class="export-status export-done" role="status">
      <p class="summary-line">Saved <strong class="export-file">{baseName(r.path)}</strong></p>
      <p class="muted">{details}</p>
      <p class="muted export-path">{r.path}</p>
      {missing.length > 0 && (
        <div class="export-missing" role="note" aria-label="Missing characters">
          <p>The embedded fonts lack {missing.length} {missing.length === 1 ? 'character' : 'characters'}; {missing.length === 1 ? 'it shows' : 'they show'} as a box in the PDF:</p>
          <ul class="summary-list">{missing.map((c) => <li key={c}><span class="glyph">{c}</span> {codePoint(c)}</li>)}</ul>
        </div>
      )}
    </div>
  );
}

/** What "Import annotations…" did to the open source. */
export function AnnotationImportSummary({ fileName, result, onClose }: { fileName: string; result: AnnotationImportResult; onClose(): void }) {
  const { anchored, moved, orphaned, skipped, imported } = result;
  const changed = imported.filter((a) => a.status !== 'anchored');
  return (
    <Dialog title="Annotations imported" onClose={onClose} class="summary">
      <p class="muted">From {fileName}</p>
      <p class="summary-line">
        <strong>{anchored}</strong> anchored · <strong>{moved}</strong> moved · <strong>{orphaned}</strong> orphaned
        {skipped.length > 0 && <> · <strong>{skipped.length}</strong> skipped</>}
      </p>
      {changed.length > 0 && (
        <section aria-label="Moved or orphaned">
          <h3>Not where the file put them ({changed.length})</h3>
          <ul class="summary-list">
            {changed.map((a) => (
              <li key={a.id}>
                <span class={a.status === 'orphaned' ? 'reason' : ''}>
                  {a.status === 'moved' ? `Moved (score ${a.score === null ? '?' : a.score.toFixed(2)})` : 'Orphaned (kept, passage not found)'}
                </span>: “{a.exact.length > 120 ? `${a.exact.slice(0, 120)}…` : a.exact}”
              </li>
            ))}
          </ul>
        </section>
      )}
      {skipped.length > 0 && (
        <section aria-label="Skipped">
          <h3>Skipped ({skipped.length})</h3>
          <ul class="summary-list failed">
            {skipped.map((s) => <li key={s.index}><span class="path">#{s.index + 1}{s.id ? ` ${s.id}` : ''}</span>: <span class="reason">{s.reason}</span></li>)}
          </ul>
        </section>
      )}
      <div class="row"><span class="spacer" /><button type="button" class="primary" onClick={onClose}>OK</button></div>
    </Dialog>
  );
}
