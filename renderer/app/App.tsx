// The window: toolbar, then library | reader | side panel. Holds the app state
// (sources, the open source and its annotations, settings) and composes the
// panes, dialogs and bus with the hooks beside it: usePanes (layout),
// useTheme, useImport (drop target, import dialogs, progress, summary),
// useMenuCommands and useShortcuts; and the views Toolbar, SidePanel,
// AnnotationPopover and Toasts.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Annotation, AnnotationImportResult, SearchHit, Settings, Source, SourceMeta, SourceSummary } from '../../common/types.ts';
import { DEFAULT_SETTINGS } from '../../common/types.ts';
import { CITATION_MIME, type CitationAttrs } from '../../common/citation.ts';
import { IMPORT_EXTENSIONS } from '../../common/import-formats.ts';
import { isPlaced } from '../../common/placement.ts';
import { emit, on } from '../bus.ts';
import { Library } from '../library/Library.tsx';
import { firstMatch, markedTerms } from '../library/find-match.ts';
import { Reader, type RevealRequest } from '../reader/Reader.tsx';
import type { ReaderController } from '../reader/controller.ts';
import { AnnotationsPanel, type AnnotationActions } from '../annotations/AnnotationsPanel.tsx';
import type { AnnotationDraft } from '../annotations/AnnotationEditor.tsx';
import { NotebookPanel } from '../notebook/NotebookPanel.tsx';
import { DropOverlay, ImportProgress, ImportSummary } from '../import/ImportViews.tsx';
import { SettingsDialog } from '../dialogs/Settings.tsx';
import { MOD, ShortcutsDialog } from '../dialogs/Shortcuts.tsx';
import { AnnotationImportSummary, ExportDialog, type ExportTarget } from '../dialogs/Export.tsx';
import { Splitter } from './Splitter.tsx';
import { Toolbar } from './Toolbar.tsx';
import { SidePanel, type SideTab } from './SidePanel.tsx';
import { AnnotationPopover, type NewPopover, type Popover } from './AnnotationPopover.tsx';
import { Toasts, type Undoable } from './Toasts.tsx';
import { paneColumns, usePanes } from './usePanes.ts';
import { useTheme } from './useTheme.ts';
import { useImport } from './useImport.ts';
import { useMenuCommands, type MenuCommands } from './useMenuCommands.ts';
import { useShortcuts } from './useShortcuts.ts';

const api = () => window.lectern;
const byPosition = (a: Annotation, b: Annotation) => a.start - b.start || a.end - b.end || a.created.localeCompare(b.created);

export function App() {
  const [ready, setReady] = useState(false);
  const [sources, setSources] = useState<SourceSummary[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [open, setOpen] = useState<{ source: Source; annotations: Annotation[] } | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [popover, setPopover] = useState<Popover | null>(null);
  const [sideTab, setSideTab] = useState<SideTab>('annotations');
  const [dialog, setDialog] = useState<'settings' | 'shortcuts' | 'export' | null>(null);
  const [openNote, setOpenNote] = useState<ExportTarget | null>(null);
  const [annImport, setAnnImport] = useState<{ fileName: string; result: AnnotationImportResult } | null>(null);
  const [undo, setUndo] = useState<Undoable | null>(null);
  const [notice, setNotice] = useState<string>('');
  const [panes, setPanes] = usePanes();

  const ctrlRef = useRef<ReaderController | null>(null);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const revealSeq = useRef(0);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const annInputRef = useRef<HTMLInputElement>(null);
  const openRef = useRef(open);
  openRef.current = open;
  const scrollSave = useRef(0);

  const fail = useCallback((e: unknown) => setNotice(e instanceof Error ? e.message : String(e)), []);

  const refreshSources = useCallback(async () => {
    const [list, t] = await Promise.all([api().listSources(), api().listTags()]);
    setSources(list);
    setTags(t);
  }, []);

  /** Opens a source (if not open) and optionally reveals a range in it. */
  const openSource = useCallback(async (id: string, reveal?: { start: number; end: number; flash?: boolean; top?: boolean }) => {
    setPopover(null);
    const request = reveal ? { seq: ++revealSeq.current, sourceId: id, flash: true, ...reveal } : null;
    const cur = openRef.current;
    if (cur && cur.source.id === id) {
      if (request) setReveal(request);
      return;
    }
    const [source, annotations] = await Promise.all([api().getSource(id), api().listAnnotations(id)]);
    performance.mark('lectern:reader-source');
    setSelectedId(null);
    setReveal(request);
    setOpen({ source, annotations: annotations.sort(byPosition) });
    if (!reveal?.top) api().updateSettings({ lastSourceId: id, lastScrollOffset: reveal?.start ?? 0 }).catch(fail);
  }, [fail]);

  const onReaderReady = useCallback((ctrl: ReaderController | null) => { ctrlRef.current = ctrl; }, []);

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

  useTheme(settings.theme);

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

  const createAnnotation = async (p: NewPopover, d: AnnotationDraft) => {
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
    setUndo({ item: gone, wasOpen: false });
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
    setUndo({ item: deleted, wasOpen });
    await refreshSources();
    emit('changed', { what: 'sources' });
    emit('changed', { what: 'annotations' });
  };

  const undoDelete = async () => {
    if (!undo) return;
    setUndo(null);
    const { item } = undo;
    await api().restore([item.id]);
    if (item.kind === 'source') {
      await refreshSources();
      emit('changed', { what: 'sources' });
      emit('changed', { what: 'annotations' });
      if (undo.wasOpen) await openSource(item.id);
      return;
    }
    const open = openRef.current;
    if (open && open.source.id === item.sourceId) {
      const restored = await api().listAnnotations(open.source.id);
      setAnnotations(() => restored);
    }
    setSelectedId(item.id);
    annotationsChanged();
  };

  /** Selects an annotation and shows its passage; an orphan has none to show (its card is selected). */
  const goToAnnotation = (a: Annotation) => {
    setSelectedId(a.id);
    const o = openRef.current;
    if (o?.source.id === a.sourceId && !isPlaced(a, o.source.chars)) return;
    openSource(a.sourceId, { start: a.start, end: a.end }).catch(fail);
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
      const [list, source] = await Promise.all([api().listAnnotations(hit.sourceId), api().getSource(hit.sourceId)]);
      const a = list.find((x) => x.id === hit.id);
      await openSource(hit.sourceId, a && isPlaced(a, source.chars) ? { start: a.start, end: a.end } : undefined);
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

  // ---- import (drop target, File > Import, progress and summary) --------------
  const { dragging, progress, summary, closeSummary, startImport, importInputFiles, fileInputRef, folderInputRef } = useImport(refreshSources, fail);

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
  const commands: MenuCommands = {
    'import-files': () => void startImport('files'),
    'import-folder': () => void startImport('folder'),
    'export': () => openExport(),
    'settings': () => setDialog('settings'),
    'shortcuts': () => setDialog('shortcuts'),
    'find': focusSearch,
    'new-note': () => { showNotes(); emit('new-note', {}); },
  };
  useMenuCommands(commands);
  useEffect(() => on('open-note', showNotes), []);

  useShortcuts({
    searchRef, dialogOpen: !!dialog, popoverOpen: !!popover, canUndo: !!undo, selectedId,
    startImport: (kind) => void startImport(kind),
    openSettings: () => setDialog('settings'),
    openExport,
    newNote: commands['new-note'],
    openShortcuts: () => setDialog('shortcuts'),
    undoDelete: () => { undoDelete().catch(fail); },
    stepAnnotation,
    findAnnotation: (id) => openRef.current?.annotations.find((x) => x.id === id),
    deleteAnnotation: (a) => { deleteAnnotation(a).catch(fail); },
    closePopover: () => setPopover(null),
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

  return (
    <div class="app">
      <Toolbar
        title={open?.source.title ?? ''} libOpen={panes.libOpen} sideOpen={panes.sideOpen}
        onToggleLibrary={() => setPanes((p) => ({ ...p, libOpen: !p.libOpen }))} onToggleSide={() => setPanes((p) => ({ ...p, sideOpen: !p.sideOpen }))}
        onImport={() => void startImport()} onSettings={() => setDialog('settings')} onShortcuts={() => setDialog('shortcuts')}
      />
      {progress && progress.total > 0 && <ImportProgress progress={progress} />}
      <div class="panes" style={{ gridTemplateColumns: paneColumns(panes) }}>
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
            source={open?.source ?? null} reveal={reveal} annotations={open?.annotations ?? []} empty={ready && sources.length === 0}
            hooks={readerHooks} onReady={onReaderReady} onScroll={onReaderScroll} onSaveMeta={saveMeta}
            tools={<>
              <button type="button" title={`Export this source (${MOD}+E)`} onClick={openExport}>Export…</button>
              <button type="button" title="Import W3C Web Annotation JSON(-LD) onto this source" onClick={() => annInputRef.current?.click()}>Import annotations…</button>
            </>}
          />
        </main>
        {panes.sideOpen ? <Splitter label="Resize side panel" value={panes.side} min={240} max={640} invert onChange={(v) => setPanes((p) => ({ ...p, side: v }))} /> : <div />}
        <div class="pane" hidden={!panes.sideOpen}>
          <SidePanel
            tab={sideTab} onTab={setSideTab} annotationCount={open ? open.annotations.length : null}
            annotations={<AnnotationsPanel
              annotations={open?.annotations ?? []} textLength={open?.source.chars ?? 0} selectedId={selectedId} knownTags={tags} hasSource={!!open} actions={annActions}
            />}
            notes={<NotebookPanel onOpenChange={setOpenNote} onExport={openExport} />}
          />
        </div>
      </div>

      {popover && (popover.mode === 'new' || popAnn) && (
        <AnnotationPopover
          popover={popover} annotation={popAnn} knownTags={tags}
          onCreate={(p, d) => { createAnnotation(p, d).catch(fail); }} onSave={(a, d) => { saveAnnotation(a, d).catch(fail); }}
          onDelete={(a) => { deleteAnnotation(a).catch(fail); }} onCite={cite} onClose={() => setPopover(null)}
        />
      )}

      {dragging && <DropOverlay />}
      {summary && (
        <ImportSummary result={summary} titleOf={titleOf} onClose={closeSummary}
          onOpen={(id) => { closeSummary(); openSource(id).catch(fail); }} />
      )}
      {dialog === 'settings' && <SettingsDialog settings={settings} onSave={saveSettings} onClose={() => setDialog(null)} />}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {dialog === 'export' && (
        <ExportDialog source={open ? { id: open.source.id, title: open.source.title } : null} note={openNote} onClose={() => setDialog(null)} />
      )}
      {annImport && <AnnotationImportSummary fileName={annImport.fileName} result={annImport.result} onClose={() => setAnnImport(null)} />}

      <Toasts
        undo={undo} notice={notice}
        onUndo={() => undoDelete().catch(fail)} onDismissUndo={() => setUndo(null)} onDismissNotice={() => setNotice('')}
      />
      <input
        ref={fileInputRef} type="file" multiple hidden aria-label="Choose files to import" accept={IMPORT_EXTENSIONS.join(',')}
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
