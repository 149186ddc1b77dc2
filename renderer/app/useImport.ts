// Importing sources: the window-wide drop target, File > Import (native dialog
// or hidden file inputs), the progress of a running import and its summary.
// Imports run one at a time: a drop (or a pick) while one runs waits in a
// queue, the progress bar says so, and one summary covers them all.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ImportResult } from '../../common/types.ts';
import { isInsideHidden } from '../../common/import-formats.ts';
import { captureDrop, expandDrop, importDropped, importPaths, mergeResults, pathsFor, type DroppedFile, type Progress } from '../import/drop.ts';

export type ImportKind = 'files' | 'folder';
type Job = (onProgress: (p: Progress) => void) => Promise<ImportResult>;

/**
 * Import state and actions. `sourcesChanged` reloads the library (and tells
 * the other panes) after an import; `fail` reports an error. The returned refs belong on the hidden
 * file and folder inputs, whose change handler is `importInputFiles`.
 */
export function useImport(sourcesChanged: () => Promise<void>, fail: (e: unknown) => void) {
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [summary, setSummary] = useState<ImportResult | null>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const folderInputRef = useRef<HTMLInputElement>(null);

  const queue = useRef<Job[]>([]);
  const running = useRef(false);
  const [waiting, setWaiting] = useState(0);

  const drain = async () => {
    running.current = true;
    let all: ImportResult | null = null;
    for (let job = queue.current.shift(); job; job = queue.current.shift()) {
      setWaiting(queue.current.length);
      setProgress({ done: 0, total: 0, current: '' });
      try {
        const result = await job((p) => setProgress(p));
        all = all ? mergeResults(all, result) : result;
        await sourcesChanged();
      } catch (e) {
        fail(e);
      }
    }
    running.current = false;
    setWaiting(0);
    setProgress(null);
    if (all) setSummary(all);
  };

  const runImport = (job: Job) => {
    queue.current.push(job);
    if (running.current) setWaiting(queue.current.length);
    else void drain();
  };

  const importFileList = (files: DroppedFile[]) => {
    if (files.length) runImport((p) => importDropped(files, p));
  };

  /** File > Import Files… / Import Folder…: the shell's native dialog, or a file input in the browser. */
  const startImport = async (kind: ImportKind = 'files') => {
    const choose = window.lectern.chooseImportPaths;
    if (choose) {
      const paths = await choose(kind);
      if (paths.length) runImport((p) => importPaths(paths, p));
    } else {
      (kind === 'folder' ? folderInputRef : fileInputRef).current?.click();
    }
  };

  /** Files picked in a file input (a folder input names them by their path inside the folder). */
  const importInputFiles = (input: HTMLInputElement) => {
    // a folder input lists everything below the folder: hidden entries are skipped, as in a folder walk
    const files = [...(input.files ?? [])].filter((f) => !isInsideHidden(f.webkitRelativePath));
    input.value = '';
    const paths = pathsFor(files);
    if (paths) runImport((p) => importPaths(paths, p));
    else importFileList(files.map((f) => ({ name: f.webkitRelativePath || f.name, file: f })));
  };

  // The whole window is the drop target for files and folders.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const enter = (e: DragEvent) => { if (hasFiles(e)) { depth++; setDragging(true); e.preventDefault(); } };
    const over = (e: DragEvent) => { if (hasFiles(e)) { e.preventDefault(); e.dataTransfer!.dropEffect = 'copy'; } };
    const leave = (e: DragEvent) => { if (hasFiles(e) && --depth <= 0) { depth = 0; setDragging(false); } };
    const drop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (!hasFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      const captured = captureDrop(e.dataTransfer);
      const paths = pathsFor(captured.files);
      if (paths) runImport((p) => importPaths(paths, p));
      else expandDrop(captured).then(importFileList, fail);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  });

  return { dragging, progress, waiting, summary, closeSummary: () => setSummary(null), startImport, importInputFiles, fileInputRef, folderInputRef };
}
