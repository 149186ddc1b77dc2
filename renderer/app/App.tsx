// The window: toolbar, then library | reader | side panel. Holds the app state
// (sources, the open source and its annotations, settings) and wires the panes,
// the import flow, dialogs, shortcuts and the bus together.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Annotation, AnnotationImportResult, DeletedSource, ImportResult, SearchHit, Settings, Source, SourceMeta, SourceSummary } from '../../common/types.ts';
import { DEFAULT_SETTINGS } from '../../common/types.ts';
import { CITATION_MIME, type CitationAttrs } from '../../common/citation.ts';
import type { MenuCommand } from '../../common/bridge.ts';
import { emit, on } from '../bus.ts';
import { Library } from '../library/Library.tsx';
import { firstMatch, markedTerms } from '../library/find-match.ts';
import { Reader } from '../reader/Reader.tsx';
import type { ReaderController } from '../reader/controller.ts';
import { AnnotationsPanel, type AnnotationActions } from '../annotations/AnnotationsPanel.tsx';
import { AnnotationEditor, type AnnotationDraft } from '../annotations/AnnotationEditor.tsx';
import { NotebookPanel } from '../notebook/NotebookPanel.tsx';
import { DropOverlay, ImportProgress, ImportSummary } from '../import/ImportViews.tsx';
import { captureDrop, expandDrop, importDropped, importPaths, pathsFor, type DroppedFile, type Progress } from '../import/drop.ts';
import { SettingsDialog } from '../dialogs/Settings.tsx';
import { MOD, ShortcutsDialog } from '../dialogs/Shortcuts.tsx';
import { AnnotationImportSummary, ExportDialog, type ExportTarget } from '../dialogs/Export.tsx';
import { Splitter } from './Splitter.tsx';

const api = () => window.lectern;
const byPosition = (a: Annotation, b: Annotation) => a.start - b.start || a.end - b.end || a.created.localeCompare(b.created);

type Popover =
  | { mode: 'new'; start: number; end: number; exact: string; rect: DOMRect }
  | { mode: 'edit'; id: string; rect: DOMRect };

interface Panes { lib: number; side: number; libOpen: boolean; sideOpen: boolean }
const DEFAULT_PANES: Panes = { lib: 300, side: 340, libOpen: true, sideOpen: true };

function loadPanes(): Panes {
  try { return { ...DEFAULT_PANES, ...JSON.parse(localStorage.getItem('lectern.panes') ?? '{}') as Partial<Panes> }; } catch { return DEFAULT_PANES; }
}

const isTyping = (t: EventTarget | null) => {
  const el = t as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
};

export function App() {
  const [ready, setReady] = useState(false);
  const [sources, setSources] = useState<SourceSummary[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [open, setOpen] = useState<{ source: Source; annotations: Annotation[] } | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [popover, setPopover] = useState<Popover | null>(null);
  const [sideTab, setSideTab] = useState<'annotations' | 'notes'>('annotations');
  const [dialog, setDialog] = useState<'settings' | 'shortcuts' | 'export' | null>(null);
  const [openNote, setOpenNote] = useState<ExportTarget | null>(null);
  const [annImport, setAnnImport] = useState<{ fileName: string; result: AnnotationImportResult } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [summary, setSummary] = useState<ImportResult | null>(null);
  const [undo, setUndo] = useState<{ kind: 'annotation'; annotation: Annotation } | { kind: 'source'; deleted: DeletedSource; wasOpen: boolean } | null>(null);
  const [notice, setNotice] = useState<string>('');
  const [panes, setPanes] = useState<Panes>(loadPanes);

  const ctrlRef = useRef<ReaderController | null>(null);
  const pendingReveal = useRef<{ start: number; end: number; flash: boolean; top?: boolean } | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const folderInputRef = useRef<HTMLInputElement>(null);
  const annInputRef = useRef<HTMLInputElement>(null);
  const openRef = useRef(open);
  openRef.current = open;
  const scrollSave = useRef(0);

  useEffect(() => { localStorage.setItem('lectern.panes', JSON.stringify(panes)); }, [panes]);

  const fail = useCallback((e: unknown) => setNotice(e instanceof Error ? e.message : String(e)), []);

  const refreshSources = useCallback(async () => {
    const [list, t] = await Promise.all([api().listSources(), api().listTags()]);
    setSources(list);
    setTags(t);
  }, []);

  /** Opens a source (if not open) and optionally reveals a range in it. */
  const openSource = useCallback(async (id: string, reveal?: { start: number; end: number; flash?: boolean; top?: boolean }) => {
    setPopover(null);
    const cur = openRef.current;
    if (cur && cur.source.id === id) {
      if (reveal && ctrlRef.current) {
        if (reveal.top) ctrlRef.current.scrollToOffset(reveal.start);
        else ctrlRef.current.reveal(reveal.start, reveal.end, reveal.flash ?? true);
      }
      return;
    }
    pendingReveal.current = reveal ? { flash: true, ...reveal } : null;
    const [source, annotations] = await Promise.all([api().getSource(id), api().listAnnotations(id)]);
    performance.mark('lectern:reader-source');
    setSelectedId(null);
    setOpen({ source, annotations: annotations.sort(byPosition) });
    if (!reveal?.top) api().updateSettings({ lastSourceId: id, lastScrollOffset: reveal?.start ?? 0 }).catch(fail);
  }, [fail]);

  const onReaderReady = useCallback((ctrl: ReaderController | null) => {
    ctrlRef.current = ctrl;
    const r = pendingReveal.current;
    pendingReveal.current = null;
    if (ctrl && r) {
      if (r.top) ctrl.scrollToOffset(r.start);
      else ctrl.reveal(r.start, r.end, r.flash);
    }
  }, []);

  // Startup: settings, library, last opened source at its scroll position.
  useEffect(() => {
    (async () => {
      const s = await api().getSettings();
      setSettings(s);
      await refreshSources();
      if (s.lastSourceId) {
        await openSource(s.lastSourceId, { start: s.lastScrollOffset, end: s.lastScrollOffset, top: true }).catch(() => {
          api().updateSettings({ lastSourceId: null, lastScrollOffset: 0 }).catch(() => {});
        });
      }
    })().catch(fail).finally(() => setReady(true));
  }, []);

  useEffect(() => { document.documentElement.dataset.ready = String(ready); }, [ready]);

  // The stylesheet knows one attribute, data-theme = light | dark; "system" follows the OS as it changes.
  useLayoutEffect(() => {
    const root = document.documentElement;
    const os = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      root.dataset.theme = settings.theme === 'system' ? (os.matches ? 'dark' : 'light') : settings.theme;
    };
    apply();
    os.addEventListener('change', apply);
    return () => os.removeEventListener('change', apply);
  }, [settings.theme]);

  const setAnnotations = (fn: (list: Annotation[]) => Annotation[]) =>
    setOpen((o) => (o ? { ...o, annotations: fn(o.annotations).sort(byPosition) } : o));

  const annotationsChanged = () => {
    emit('changed', { what: 'annotations' });
    refreshSources().catch(fail);
  };

  const citationOf = useCallback((a: { id?: string; start: number; end: number; exact: string }): CitationAttrs | null => {
    const o = openRef.current;
    if (!o) return null;
    return { sourceId: o.source.id, start: a.start, end: a.end, exact: a.exact, sha256: o.source.sha256, annotationId: a.id ?? null, sourceTitle: o.source.title };
  }, []);

  const cite = (a: { id?: string; start: number; end: number; exact: string }) => {
    const attrs = citationOf(a);
    if (!attrs) return;
    setSideTab('notes');
    setPanes((p) => ({ ...p, sideOpen: true }));
    emit('cite', attrs);
  };

  const fillDrag = useCallback((a: { id?: string; start: number; end: number; exact: string }, dt: DataTransfer) => {
    const attrs = citationOf(a);
    if (!attrs) return;
    dt.setData(CITATION_MIME, JSON.stringify(attrs));
    dt.setData('text/plain', a.exact);
    dt.effectAllowed = 'copy';
  }, [citationOf]);

  const createAnnotation = async (p: Extract<Popover, { mode: 'new' }>, d: AnnotationDraft) => {
    const o = openRef.current;
    if (!o) return;
    const a = await api().createAnnotation({ sourceId: o.source.id, start: p.start, end: p.end, color: d.color, comment: d.comment, tags: d.tags });
    window.getSelection()?.removeAllRanges();
    setPopover(null);
    setAnnotations((l) => [...l, a]);
    setSelectedId(a.id);
    annotationsChanged();
  };

  const saveAnnotation = async (a: Annotation, d: AnnotationDraft) => {
    const updated = await api().updateAnnotation(a.id, { color: d.color, comment: d.comment, tags: d.tags });
    setPopover(null);
    setAnnotations((l) => l.map((x) => (x.id === a.id ? updated : x)));
    annotationsChanged();
  };

  const deleteAnnotation = async (a: Annotation) => {
    const gone = await api().deleteAnnotation(a.id);
    setPopover(null);
    setAnnotations((l) => l.filter((x) => x.id !== a.id));
    if (selectedId === a.id) setSelectedId(null);
    setUndo({ kind: 'annotation', annotation: gone });
    annotationsChanged();
  };

  /** Deletes a source with its annotations; the toast (or Mod-Z) puts it all back. */
  const deleteSource = async (id: string) => {
    const deleted = await api().deleteSource(id);
    const wasOpen = openRef.current?.source.id === id;
    if (wasOpen) {
      setPopover(null);
      setSelectedId(null);
      setOpen(null);
      api().updateSettings({ lastSourceId: null, lastScrollOffset: 0 }).catch(() => {});
    }
    setUndo({ kind: 'source', deleted, wasOpen });
    await refreshSources();
    emit('changed', { what: 'sources' });
    emit('changed', { what: 'annotations' });
  };

  const undoDelete = async () => {
    if (!undo) return;
    setUndo(null);
    if (undo.kind === 'source') {
      const back = await api().restoreSource(undo.deleted);
      await refreshSources();
      emit('changed', { what: 'sources' });
      emit('changed', { what: 'annotations' });
      if (undo.wasOpen) await openSource(back.id);
      return;
    }
    const back = await api().restoreAnnotation(undo.annotation);
    if (openRef.current?.source.id === back.sourceId) setAnnotations((l) => [...l, back]);
    setSelectedId(back.id);
    annotationsChanged();
  };

  const goToAnnotation = (a: Annotation) => {
    setSelectedId(a.id);
    if (openRef.current?.source.id === a.sourceId) ctrlRef.current?.reveal(a.start, a.end);
    else openSource(a.sourceId, { start: a.start, end: a.end }).catch(fail);
  };

  const stepAnnotation = (dir: 1 | -1) => {
    const list = openRef.current?.annotations ?? [];
    if (!list.length) return;
    const i = list.findIndex((a) => a.id === selectedId);
    const j = i < 0 ? (dir > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, i + dir));
    goToAnnotation(list[j]!);
  };

  const openHit = useCallback(async (hit: SearchHit) => {
    if (hit.kind === 'note') {
      setSideTab('notes');
      setPanes((p) => ({ ...p, sideOpen: true }));
      emit('open-note', { noteId: hit.id });
      return;
    }
    if (!hit.sourceId) return;
    if (hit.kind === 'annotation') {
      const list = await api().listAnnotations(hit.sourceId);
      const a = list.find((x) => x.id === hit.id);
      await openSource(hit.sourceId, a ? { start: a.start, end: a.end } : undefined);
      if (a) setSelectedId(a.id);
      return;
    }
    const source = openRef.current?.source.id === hit.sourceId ? openRef.current.source : await api().getSource(hit.sourceId);
    const terms = markedTerms(hit.snippet);
    const m = firstMatch(source.text, terms.length ? terms : (searchRef.current?.value ?? '').split(/\s+/));
    await openSource(hit.sourceId, m ?? undefined);
  }, [openSource]);

  // ---- export, and W3C annotations in ----------------------------------------
  const openExport = () => { setPopover(null); setDialog('export'); };

  /** Reads a W3C annotation file onto the open source, then shows what anchored where. */
  const importAnnotationFile = async (file: File) => {
    const o = openRef.current;
    if (!o) return;
    try {
      const result = await api().importAnnotations(o.source.id, await file.text());
      const list = await api().listAnnotations(o.source.id);
      setOpen((cur) => (cur && cur.source.id === o.source.id ? { ...cur, annotations: list.sort(byPosition) } : cur));
      annotationsChanged();
      setAnnImport({ fileName: file.name, result });
    } catch (e) {
      setNotice(`Could not import annotations from ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  // ---- import -------------------------------------------------------------
  const busy = progress !== null;
  const runImport = async (job: (p: (x: Progress) => void) => Promise<ImportResult>) => {
    if (busy) return;
    setProgress({ done: 0, total: 0, current: '' });
    try {
      const result = await job((p) => setProgress(p));
      setSummary(result);
      await refreshSources();
      emit('changed', { what: 'sources' });
    } catch (e) {
      fail(e);
    } finally {
      setProgress(null);
    }
  };

  const importFileList = (files: DroppedFile[]) => {
    if (files.length) void runImport((p) => importDropped(files, p));
  };

  /** File > Import Files… / Import Folder…: the shell's native dialog, or a file input in the browser. */
  const startImport = async (kind: 'files' | 'folder' = 'files') => {
    const choose = api().chooseImportPaths;
    if (choose) {
      const paths = await choose(kind);
      if (paths.length) void runImport((p) => importPaths(paths, p));
    } else {
      (kind === 'folder' ? folderInputRef : fileInputRef).current?.click();
    }
  };

  /** Files picked in a file input (a folder input names them by their path inside the folder). */
  const importInputFiles = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    const paths = pathsFor(files);
    if (paths) void runImport((p) => importPaths(paths, p));
    else importFileList(files.map((f) => ({ name: f.webkitRelativePath || f.name, file: f })));
  };

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
      if (paths) void runImport((p) => importPaths(paths, p));
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

  // ---- bus, menu and shortcuts ------------------------------------------------
  useEffect(() => on('open-passage', ({ sourceId, start, end }) => {
    const a = openRef.current?.source.id === sourceId ? openRef.current.annotations.find((x) => x.start === start && x.end === end) : undefined;
    if (a) setSelectedId(a.id);
    openSource(sourceId, { start, end }).catch(fail);
  }), [openSource]);

  useEffect(() => on('changed', ({ what }) => { if (what === 'sources') refreshSources().catch(fail); }), []);

  const focusSearch = () => { setPanes((p) => (p.libOpen ? p : { ...p, libOpen: true })); searchRef.current?.focus(); searchRef.current?.select(); };
  const showNotes = () => { setSideTab('notes'); setPanes((p) => (p.sideOpen ? p : { ...p, sideOpen: true })); };

  /** What each application-menu command does (the same actions as the shortcuts and buttons). */
  const commands: Record<MenuCommand, () => void> = {
    'import-files': () => void startImport('files'),
    'import-folder': () => void startImport('folder'),
    'export': () => openExport(),
    'settings': () => setDialog('settings'),
    'shortcuts': () => setDialog('shortcuts'),
    'find': focusSearch,
    'new-note': () => { showNotes(); emit('new-note', {}); },
  };
  const commandsRef = useRef(commands);
  commandsRef.current = commands;
  useEffect(() => api().onMenuCommand((c) => { if (Object.hasOwn(commandsRef.current, c)) commandsRef.current[c](); }), []);
  useEffect(() => on('open-note', showNotes), []);

  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      if (mod && (k === 'f' || k === 'k')) { e.preventDefault(); searchRef.current?.focus(); searchRef.current?.select(); return; }
      if (mod && k === 'o') { e.preventDefault(); void startImport(e.shiftKey ? 'folder' : 'files'); return; }
      if (mod && k === ',') { e.preventDefault(); setDialog('settings'); return; }
      if (mod && k === 'e' && !e.shiftKey && !e.altKey) { e.preventDefault(); openExport(); return; }
      if (mod && k === 'n' && !e.shiftKey && !e.altKey) { e.preventDefault(); commands['new-note'](); return; }
      if (e.key === 'F1' || (mod && k === '/')) { e.preventDefault(); setDialog('shortcuts'); return; }
      if (isTyping(e.target) || dialog) return;
      if (mod && k === 'z' && !e.shiftKey && undo) { e.preventDefault(); undoDelete().catch(fail); return; }
      if (mod || (e.altKey && !['ArrowDown', 'ArrowUp'].includes(e.key))) return;
      if (e.key === '?') { setDialog('shortcuts'); return; }
      if (k === 'j' || (e.altKey && e.key === 'ArrowDown')) { e.preventDefault(); stepAnnotation(1); return; }
      if (k === 'k' || (e.altKey && e.key === 'ArrowUp')) { e.preventDefault(); stepAnnotation(-1); return; }
      if ((e.key === 'Delete' || e.key === 'Backspace') && selectedId && !popover) {
        const a = openRef.current?.annotations.find((x) => x.id === selectedId);
        if (a) { e.preventDefault(); deleteAnnotation(a).catch(fail); }
        return;
      }
      if (e.key === 'Escape' && popover) setPopover(null);
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  });

  // ---- reader hooks -----------------------------------------------------------
  const readerHooks = {
    onSelect: (r: { start: number; end: number; exact: string; rect: DOMRect } | null) => {
      if (r) setPopover({ mode: 'new', ...r });
      else setPopover((p) => (p?.mode === 'new' ? null : p));
    },
    onHighlightClick: (id: string, rect: DOMRect) => { setSelectedId(id); setPopover({ mode: 'edit', id, rect }); },
    onDragSelection: (r: { start: number; end: number; exact: string }, dt: DataTransfer) => fillDrag(r, dt),
  };

  const onReaderScroll = () => {
    clearTimeout(scrollSave.current);
    scrollSave.current = window.setTimeout(() => {
      const c = ctrlRef.current;
      if (c) api().updateSettings({ lastSourceId: c.source.id, lastScrollOffset: c.topOffset() }).catch(() => {});
    }, 300);
  };

  const saveMeta = async (patch: Partial<SourceMeta>) => {
    try {
      const s = await api().updateSource(open!.source.id, patch);
      setOpen((o) => (o && o.source.id === s.id ? { ...o, source: s } : o));
      await refreshSources();
      emit('changed', { what: 'sources' });
    } catch (e) { fail(e); }
  };

  const saveSettings = async (patch: Partial<Settings>) => {
    try {
      setSettings(await api().updateSettings(patch));
      setDialog(null);
      emit('changed', { what: 'settings' });
    } catch (e) { fail(e); }
  };

  const annActions = useRef<AnnotationActions>(null!);
  annActions.current = {
    onSelect: goToAnnotation,
    onSave: (a, d) => { saveAnnotation(a, d).catch(fail); },
    onDelete: (a) => { deleteAnnotation(a).catch(fail); },
    onCite: cite,
    onDragStart: (a, dt) => fillDrag(a, dt),
  };

  const popAnn = popover?.mode === 'edit' ? open?.annotations.find((a) => a.id === popover.id) : undefined;
  const titleOf = useMemo(() => { const m = new Map(sources.map((s) => [s.id, s.title])); return (id: string) => m.get(id) ?? id; }, [sources]);

  const cols = [
    panes.libOpen ? `${panes.lib}px` : '0px', panes.libOpen ? '5px' : '0px', 'minmax(320px, 1fr)',
    panes.sideOpen ? '5px' : '0px', panes.sideOpen ? `${panes.side}px` : '0px',
  ].join(' ');

  return (
    <div class="app">
      <header class="toolbar" role="banner">
        <button type="button" class="icon toggle" aria-label="Library pane" aria-pressed={panes.libOpen} title="Show or hide the library"
          onClick={() => setPanes((p) => ({ ...p, libOpen: !p.libOpen }))}>☰</button>
        <span class="brand">Lectern</span>
        <span class="toolbar-title">{open?.source.title ?? ''}</span>
        <span class="spacer" />
        <button type="button" onClick={() => void startImport()} title={`${MOD}+O`}>Import…</button>
        <button type="button" onClick={() => setDialog('settings')}>Settings</button>
        <button type="button" aria-label="Keyboard shortcuts" title="Help: keyboard shortcuts (F1)" onClick={() => setDialog('shortcuts')}>?</button>
        <button type="button" class="icon toggle" aria-label="Side panel" aria-pressed={panes.sideOpen} title="Show or hide the side panel"
          onClick={() => setPanes((p) => ({ ...p, sideOpen: !p.sideOpen }))}>◧</button>
      </header>
      {progress && progress.total > 0 && <ImportProgress progress={progress} />}
      <div class="panes" style={{ gridTemplateColumns: cols }}>
        <div class="pane" hidden={!panes.libOpen}>
          <Library
            sources={sources} tags={tags} currentId={open?.source.id ?? null} searchRef={searchRef}
            onOpen={(id) => openSource(id).catch(fail)} onOpenHit={(h) => openHit(h).catch(fail)} search={(q) => api().search(q, 60)}
            onDelete={(id) => deleteSource(id).catch(fail)}
          />
        </div>
        {panes.libOpen ? <Splitter label="Resize library" value={panes.lib} min={200} max={560} onChange={(v) => setPanes((p) => ({ ...p, lib: v }))} /> : <div />}
        <main class="pane pane-main">
          <Reader
            source={open?.source ?? null} annotations={open?.annotations ?? []} empty={ready && sources.length === 0}
            hooks={readerHooks} onReady={onReaderReady} onScroll={onReaderScroll} onSaveMeta={saveMeta}
            tools={<>
              <button type="button" title={`Export this source (${MOD}+E)`} onClick={openExport}>Export…</button>
              <button type="button" title="Import W3C Web Annotation JSON(-LD) onto this source" onClick={() => annInputRef.current?.click()}>Import annotations…</button>
            </>}
          />
        </main>
        {panes.sideOpen ? <Splitter label="Resize side panel" value={panes.side} min={240} max={640} invert onChange={(v) => setPanes((p) => ({ ...p, side: v }))} /> : <div />}
        <div class="pane" hidden={!panes.sideOpen}>
          <aside class="side" aria-label="Side panel">
            <div role="tablist" aria-label="Side panel" class="tabs">
              <button type="button" role="tab" id="tab-annotations" aria-controls="panel-annotations" aria-selected={sideTab === 'annotations'}
                tabIndex={sideTab === 'annotations' ? 0 : -1} onClick={() => setSideTab('annotations')}
                onKeyDown={(e) => { if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') { setSideTab('notes'); (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus(); } }}>
                Annotations{open ? ` (${open.annotations.length})` : ''}
              </button>
              <button type="button" role="tab" id="tab-notes" aria-controls="panel-notes" aria-selected={sideTab === 'notes'}
                tabIndex={sideTab === 'notes' ? 0 : -1} onClick={() => setSideTab('notes')}
                onKeyDown={(e) => { if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') { setSideTab('annotations'); (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus(); } }}>
                Notes
              </button>
            </div>
            <div role="tabpanel" id="panel-annotations" aria-labelledby="tab-annotations" hidden={sideTab !== 'annotations'} class="tabpanel">
              <AnnotationsPanel
                annotations={open?.annotations ?? []} selectedId={selectedId} knownTags={tags} hasSource={!!open} actions={annActions}
              />
            </div>
            <div role="tabpanel" id="panel-notes" aria-labelledby="tab-notes" hidden={sideTab !== 'notes'} class="tabpanel">
              <NotebookPanel onOpenChange={setOpenNote} onExport={openExport} />
            </div>
          </aside>
        </div>
      </div>

      {popover && (popover.mode === 'new' || popAnn) && (
        <div class="popover" role="dialog" aria-label={popover.mode === 'new' ? 'New annotation' : 'Annotation'}
          style={{ top: `${Math.min(window.innerHeight - 330, popover.rect.bottom + 8)}px`, left: `${Math.max(8, Math.min(window.innerWidth - 340, popover.rect.left))}px` }}>
          {popover.mode === 'new' ? (
            <AnnotationEditor
              key={`${popover.start}-${popover.end}`} label="New annotation" initial={{ color: 'yellow', comment: '', tags: [] }} knownTags={tags}
              onSave={(d) => createAnnotation(popover, d).catch(fail)} onCancel={() => setPopover(null)}
              onCite={() => { cite(popover); setPopover(null); }}
            />
          ) : (
            <AnnotationEditor
              key={popAnn!.id + popAnn!.modified} label="Edit annotation" initial={{ color: popAnn!.color, comment: popAnn!.comment, tags: popAnn!.tags }} knownTags={tags}
              onSave={(d) => saveAnnotation(popAnn!, d).catch(fail)} onCancel={() => setPopover(null)}
              onDelete={() => deleteAnnotation(popAnn!).catch(fail)} onCite={() => { cite(popAnn!); setPopover(null); }}
            />
          )}
        </div>
      )}

      {dragging && <DropOverlay />}
      {summary && (
        <ImportSummary result={summary} titleOf={titleOf} onClose={() => setSummary(null)}
          onOpen={(id) => { setSummary(null); openSource(id).catch(fail); }} />
      )}
      {dialog === 'settings' && <SettingsDialog settings={settings} onSave={saveSettings} onClose={() => setDialog(null)} />}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {dialog === 'export' && (
        <ExportDialog source={open ? { id: open.source.id, title: open.source.title } : null} note={openNote} onClose={() => setDialog(null)} />
      )}
      {annImport && <AnnotationImportSummary fileName={annImport.fileName} result={annImport.result} onClose={() => setAnnImport(null)} />}

      <div class="toasts" aria-live="polite">
        {undo && (
          <div class="toast" role="status">
            <span>{undo.kind === 'source'
              ? `Deleted “${undo.deleted.source.title}”${undo.deleted.annotations.length ? ` and its ${undo.deleted.annotations.length} ${undo.deleted.annotations.length === 1 ? 'annotation' : 'annotations'}` : ''}.`
              : 'Annotation deleted.'}</span>
            <button type="button" class="link" onClick={() => undoDelete().catch(fail)}>Undo</button>
            <button type="button" class="icon" aria-label="Dismiss" onClick={() => setUndo(null)}>×</button>
          </div>
        )}
        {notice && (
          <div class="toast error" role="alert">
            <span>{notice}</span>
            <button type="button" class="icon" aria-label="Dismiss" onClick={() => setNotice('')}>×</button>
          </div>
        )}
      </div>
      <input
        ref={fileInputRef} type="file" multiple hidden aria-label="Choose files to import" accept=".txt,.text,.md,.markdown"
        onChange={(e) => importInputFiles(e.target as HTMLInputElement)}
      />
      <input
        ref={folderInputRef} type="file" multiple hidden aria-label="Choose a folder to import"
        {...{ webkitdirectory: true }}
        onChange={(e) => importInputFiles(e.target as HTMLInputElement)}
      />
      <input
        ref={annInputRef} type="file" hidden aria-label="Choose an annotation file to import" accept=".json,.jsonld,application/json,application/ld+json"
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          input.value = '';
          if (file) void importAnnotationFile(file);
        }}
      />
    </div>
  );
}
