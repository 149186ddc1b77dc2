// The window: toolbar, then library | reader | side panel. Composes the state
// hooks beside it: useLibrary (the library's count, tags, collections and
// version; the library pane reads its own rows), useOpenSource
// (the open source, its annotations, the selection and reveal requests),
// usePanes (layout), useTheme, useImport (drop target, progress, summary),
// useMenuCommands, useShortcuts and useBusEvent; and the views Toolbar,
// SidePanel, AnnotationPopover and Toasts. App keeps only what is its own:
// settings, the popover, the one open dialog, undo and notices.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Annotation, AnnotationImportResult, ReencodeResult, SearchHit, Settings, SourceMeta } from '../../common/types.ts';
import { DEFAULT_SETTINGS, MAX_SOURCE_PAGE } from '../../common/types.ts';
import { CITATION_MIME, type CitationAttrs } from '../../common/citation.ts';
import { IMPORT_EXTENSIONS } from '../../common/import-formats.ts';
import { isPlaced } from '../../common/placement.ts';
import { emit } from '../bus.ts';
import { Library } from '../library/Library.tsx';
import { CollectionFromImport } from '../library/CollectionFromImport.tsx';
import { Reader, type RevealRequest } from '../reader/Reader.tsx';
import type { ReaderController, ReaderRange } from '../reader/controller.ts';
import { AnnotationsPanel, type AnnotationActions } from '../annotations/AnnotationsPanel.tsx';
import { switchCitationsUndoably } from '../versions/switch-citations.ts';
import { storedDraft, type AnnotationDraft } from '../annotations/AnnotationEditor.tsx';
import { editDraftKey, newDraftKey } from '../annotations/draft-keys.ts';
import { clearDraft } from '../drafts.ts';
import { focusOrigin, keepFocus } from '../focus.ts';
import { NotebookPanel } from '../notebook/NotebookPanel.tsx';
import { DropOverlay, ImportProgress, ImportSummary } from '../import/ImportViews.tsx';
import { SettingsDialog } from '../dialogs/Settings.tsx';
import { MOD, ShortcutsDialog } from '../dialogs/Shortcuts.tsx';
import { AnnotationImportSummary, ExportDialog, type ExportTarget } from '../dialogs/Export.tsx';
import { ReencodeDialog } from '../dialogs/Reencode.tsx';
import { Splitter } from './Splitter.tsx';
import { Toolbar } from './Toolbar.tsx';
import { SidePanel } from './SidePanel.tsx';
import { AnnotationPopover, type Popover } from './AnnotationPopover.tsx';
import { Toasts, type Undoable } from './Toasts.tsx';
import { LibraryStatusBanner } from './LibraryStatusBanner.tsx';
import { paneColumns, usePanes } from './usePanes.ts';
import { useTheme } from './useTheme.ts';
import { useImport } from './useImport.ts';
import { useMenuCommands, type MenuCommands } from './useMenuCommands.ts';
import { useShortcuts } from './useShortcuts.ts';
import { useLibrary } from './useLibrary.ts';
import { useOpenSource, type RevealTarget } from './useOpenSource.ts';
import { useBusEvent } from './useBusEvent.ts';
import { useChangesElsewhere } from './useChangesElsewhere.ts';
import { CompareView } from '../compare/CompareView.tsx';
import { VersionsList } from '../versions/VersionsList.tsx';
import { AnnotationsView } from '../annotations-view/AnnotationsView.tsx';
import { annotationEditUndo } from '../annotation-edit-undo.ts';

const api = () => window.lectern;

/** The modal open over the window (at most one). */
type DialogState =
  | { kind: 'settings' } | { kind: 'shortcuts' } | { kind: 'export' } | { kind: 'reencode' }
  | { kind: 'annotation-import'; fileName: string; result: AnnotationImportResult };

type Passage = { id?: string; start: number; end: number; exact: string };
type NewPopoverDraft = { sourceId: string; start: number; end: number; exact: string };

export function App() {
  const [ready, setReady] = useState(false);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [popover, setPopover] = useState<Popover | null>(null);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [openNote, setOpenNote] = useState<ExportTarget | null>(null);
  const [undo, setUndo] = useState<Undoable | null>(null);
  const [findRequest, setFindRequest] = useState(0);
  const [notice, setNotice] = useState<string>('');
  const [info, setInfo] = useState<string>('');
  const [panes, setPanes] = usePanes();

  const ctrlRef = useRef<ReaderController | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const annInputRef = useRef<HTMLInputElement>(null);
  const scrollSave = useRef(0);

  // a failed call may be the first sign the library stopped taking changes: the status banner looks again
  const [failures, setFailures] = useState(0);
  const fail = useCallback((e: unknown) => { setNotice(e instanceof Error ? e.message : String(e)); setFailures((n) => n + 1); }, []);
  const library = useLibrary();
  const { tags } = library;
  const { open, selectedId, setSelectedId, reveal, setAnnotations, setSource, close: closeSource, ...reader } = useOpenSource(fail);

  // A new annotation left half-written (a reload, a crash) reopens when its source opens again.
  const restoring = useRef<NewPopoverDraft | null>(null);
  const openSource = (id: string, target?: RevealTarget) => {
    setPopover(null);
    const draft = (!target || target.top) && open?.source.id !== id ? storedDraft<{ start: number; end: number; exact: string }>(newDraftKey(id)) : null;
    restoring.current = draft && { sourceId: id, start: draft.start, end: draft.end, exact: draft.exact };
    return reader.openSource(id, draft ? { start: draft.start, end: draft.end } : target);
  };
  const onRevealed = (r: RevealRequest, rect: DOMRect) => {
    const d = restoring.current;
    if (!d || d.sourceId !== r.sourceId || d.start !== r.start || d.end !== r.end) return;
    restoring.current = null;
    setPopover({ mode: 'new', start: d.start, end: d.end, exact: d.exact, rect });
  };

  const onReaderReady = useCallback((ctrl: ReaderController | null) => { ctrlRef.current = ctrl; }, []);

  // Startup: settings, library, last opened source at its scroll position.
  useEffect(() => {
    (async () => {
      const s = await api().getSettings();
      setSettings(s);
      await library.refresh();
      if (s.lastSourceId) {
        await openSource(s.lastSourceId, { start: s.lastScrollOffset, end: s.lastScrollOffset, top: true }).catch(() => {
          api().updateSettings({ lastSourceId: null, lastScrollOffset: 0 }).catch(() => {});
        });
      }
    })().catch(fail).finally(() => setReady(true));
  }, []);

  useEffect(() => { document.documentElement.dataset.ready = String(ready); }, [ready]);

  useTheme(settings.theme);

  const annotationsChanged = () => { library.changed({ annotations: true }).catch(fail); };

  const citationOf = (a: Passage): CitationAttrs | null => open && {
    sourceId: open.source.id, start: a.start, end: a.end, exact: a.exact, sha256: open.source.sha256, annotationId: a.id ?? null, sourceTitle: open.source.title,
  };

  const showNotes = () => setPanes((p) => (p.sideOpen && p.notesOpen ? p : { ...p, sideOpen: true, notesOpen: true }));
  /** The reader back on screen (a passage opened from a note written full width). */
  const showReader = () => setPanes((p) => (p.noteWide ? { ...p, noteWide: false } : p));

  /**
   * "Add to note": into the open note, else a new one, shown in the Notes section.
   * Focus stays where it was when that is still on screen (the note takes it
   * for an insertion into an open note); else it goes to the reader's text.
   */
  const cite = (a: Passage) => {
    const attrs = citationOf(a);
    if (!attrs) return;
    const origin = focusOrigin();
    showNotes();
    emit('cite', attrs);
    keepFocus(origin);
  };

  const fillDrag = (a: Passage, dt: DataTransfer) => {
    const attrs = citationOf(a);
    if (!attrs) return;
    dt.setData(CITATION_MIME, JSON.stringify(attrs));
    dt.setData('text/plain', a.exact);
    dt.effectAllowed = 'copy';
  };

  const createAnnotation = async (p: { start: number; end: number }, d: AnnotationDraft) => {
    if (!open) return;
    const sourceId = open.source.id;
    const a = await api().createAnnotation({ sourceId, start: p.start, end: p.end, color: d.color, comment: d.comment, tags: d.tags });
    clearDraft(newDraftKey(sourceId));
    if (ctrlRef.current?.source.id === sourceId) ctrlRef.current.collapseSelection();
    setPopover(null);
    setAnnotations(sourceId, (l) => [...l, a]);
    setSelectedId(a.id);
    annotationsChanged();
  };

  const saveAnnotation = async (a: Annotation, d: AnnotationDraft) => {
    const updated = await api().updateAnnotation(a.id, { color: d.color, comment: d.comment, tags: d.tags });
    clearDraft(editDraftKey(a.id));
    setPopover(null);
    const put = (to: Annotation) => { setAnnotations(a.sourceId, (l) => l.map((x) => (x.id === a.id ? to : x))); annotationsChanged(); };
    put(updated);
    const undoEdit = annotationEditUndo(a, updated, put);
    if (undoEdit) setUndo(undoEdit);
  };

  const deleteAnnotation = async (a: Annotation) => {
    const gone = await api().deleteAnnotation(a.id);
    setPopover(null);
    setAnnotations(a.sourceId, (l) => l.filter((x) => x.id !== a.id));
    if (selectedId === a.id) setSelectedId(null);
    setUndo({ item: gone, wasOpen: false });
    annotationsChanged();
  };

  /** Deletes a source with its annotations; the toast (or Mod-Z) puts it all back. */
  const deleteSource = async (id: string) => {
    const wasOpen = open?.source.id === id;
    const deleted = await api().deleteSource(id);
    if (wasOpen) {
      setPopover(null);
      closeSource();
    }
    setUndo({ item: deleted, wasOpen });
    await library.changed({ sources: true, annotations: true });
  };

  const undoDelete = async () => {
    if (!undo) return;
    setUndo(null);
    if ('run' in undo) {
      await undo.run();
      return;
    }
    const { item } = undo;
    await api().restore([item.id, ...(undo.more ?? []).map((x) => x.id)]);
    if (item.kind === 'collection') {
      await library.changed({ collections: true });
      return;
    }
    if (item.kind === 'tag') {
      await annotationsChangedElsewhere();
      return;
    }
    if (item.kind === 'source') {
      await library.changed({ sources: true, annotations: true });
      if (undo.wasOpen) await openSource(item.id);
      return;
    }
    if (open?.source.id === item.sourceId) {
      const restored = await api().listAnnotations(item.sourceId);
      setAnnotations(item.sourceId, () => restored);
    }
    setSelectedId(item.id);
    annotationsChanged();
  };

  /** Selects an annotation and shows its passage; an orphan has none to show (its card is selected). */
  const goToAnnotation = (a: Annotation) => {
    setSelectedId(a.id);
    if (open?.source.id === a.sourceId && !isPlaced(a, open.source.chars)) return;
    openSource(a.sourceId, { start: a.start, end: a.end }).catch(fail);
  };

  const stepAnnotation = (dir: 1 | -1) => {
    const list = open?.annotations ?? [];
    if (!list.length) return;
    const i = list.findIndex((a) => a.id === selectedId);
    const j = i < 0 ? (dir > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, i + dir));
    goToAnnotation(list[j]!);
  };

  const openHit = async (hit: SearchHit) => {
    if (hit.kind === 'note') {
      showNotes();
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
    // the search says where in the text its snippet's match is (nothing when only the title matched)
    await openSource(hit.sourceId, hit.at ?? undefined);
  };

  const deleteCollection = async (id: string) => {
    const item = await api().deleteCollection(id);
    setUndo({ item, wasOpen: false });
    await library.changed({ collections: true });
  };

  /** The sources of an import as a collection (an existing one of that name takes them). */
  const makeCollection = async (name: string, ids: string[]) => {
    const existing = (await api().listCollections()).find((c) => c.name.toLowerCase() === name.toLowerCase());
    const collection = existing ?? await api().createCollection(name);
    await api().addToCollection(collection.id, ids);
    await library.changed({ collections: true });
  };

  // ---- export, and W3C annotations in ----------------------------------------
  const openExport = () => { setPopover(null); setDialog({ kind: 'export' }); };

  /** Reads a W3C annotation file onto the open source, then shows what anchored where. */
  const importAnnotationFile = async (file: File) => {
    if (!open) return;
    const sourceId = open.source.id;
    try {
      const result = await api().importAnnotations(sourceId, await file.text());
      const list = await api().listAnnotations(sourceId);
      setAnnotations(sourceId, () => list);
      annotationsChanged();
      setDialog({ kind: 'annotation-import', fileName: file.name, result });
    } catch (e) {
      setNotice(`Could not import annotations from ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  // ---- "Reopen with encoding…" (issue 13.3) -----------------------------------
  /** The source's text, annotations and notes as the store now has them (after a replacement or its undo). */
  const reloadSource = async (sourceId: string, notes: string[]) => {
    const [source, list] = await Promise.all([api().getSource(sourceId), api().listAnnotations(sourceId)]);
    setSource(source);
    setAnnotations(sourceId, () => list);
    await library.changed({ sources: true, annotations: true });
    emit('changed', { what: 'notes', ids: notes });
    return source;
  };
  const replaceEncoding = async (encoding: string) => {
    if (!open) return;
    const sourceId = open.source.id;
    await openNote?.flush?.(); // the store rewrites the citations of notes into the source: the open one is saved first
    const result = await api().reencodeSource(sourceId, encoding);
    setDialog(null);
    const source = await reloadSource(sourceId, result.notes);
    setUndo({
      message: `Reopened “${source.title}” as ${result.to}: ${result.anchored} anchored, ${result.moved} moved, ${result.orphaned} orphaned.`,
      run: () => undoReencode(result),
    });
  };
  const undoReencode = async (result: ReencodeResult) => {
    await openNote?.flush?.();
    await api().undoReencode(result.sourceId);
    await reloadSource(result.sourceId, result.notes);
  };

  // ---- import (drop target, File > Import, progress and summary) --------------
  const { dragging, progress, waiting, summary, closeSummary, startImport, importInputFiles, fileInputRef, folderInputRef } =
    useImport(() => library.changed({ sources: true }), fail);

  // ---- bus, menu and shortcuts ------------------------------------------------
  useBusEvent('open-passage', ({ sourceId, start, end }) => {
    setAnnotationsView((v) => (v === 'shown' ? 'hidden' : v));
    showReader();
    const a = open?.source.id === sourceId ? open.annotations.find((x) => x.start === start && x.end === end) : undefined;
    if (a) setSelectedId(a.id);
    openSource(sourceId, { start, end }).catch(fail);
  });
  // A note opened from a backlink or a search hit: the Notes section shows it; the
  // note takes focus (it cannot while its section is still collapsed, so it gets it here).
  useBusEvent('open-note', () => {
    showNotes();
    keepFocus(null, () => document.querySelector<HTMLElement>('#panel-notes .ProseMirror'));
  });

  /** Mod-F: find in the open source; with none open, the library's search. */
  const find = () => { if (open) setFindRequest((n) => n + 1); else focusSearch(); };

  /** The selected annotation's editor, over its passage, focused (Enter after J). */
  const editAnnotation = (a: Annotation) => {
    const ctrl = ctrlRef.current;
    if (!ctrl || !open || !isPlaced(a, open.source.chars)) return;
    setSelectedId(a.id);
    setPopover({ mode: 'edit', id: a.id, rect: ctrl.rangeRect(a.start, a.end), focus: true });
  };
  // ---- the compare view (issue 9): two sources side by side in the main area, the reader kept behind it
  const [compare, setCompare] = useState<{ a: string; b: string; carry?: boolean } | null>(null);
  useBusEvent('compare', (pair) => { setPopover(null); setCompare(pair); setAnnotationsView((v) => (v === 'shown' ? 'hidden' : v)); });
  // ---- the Annotations view (issue 14.2): every annotation of the library, in the main area; kept (hidden) once opened, filters and all
  const [annotationsView, setAnnotationsView] = useState<'closed' | 'shown' | 'hidden'>('closed');
  const toggleAnnotationsView = () => {
    setPopover(null);
    if (annotationsView !== 'shown') setCompare(null);
    setAnnotationsView((v) => (v === 'shown' ? 'hidden' : 'shown'));
  };
  /**
   * Annotations or tags changed outside the reader (the compare view, a carry, the codebook: tags renamed,
   * merged, moved, deleted or restored): the open source's cards and the library's counts and tags follow.
   */
  const annotationsChangedElsewhere = async (more: { sources?: boolean; collections?: boolean } = {}) => {
    if (open) {
      const sourceId = open.source.id;
      const list = await api().listAnnotations(sourceId);
      setAnnotations(sourceId, () => list);
    }
    await library.changed({ annotations: true, ...more });
  };
  // another process wrote to the library (the CLI, the versions worker): everything shown is read again
  useChangesElsewhere(() => {
    annotationsChangedElsewhere({ sources: true, collections: true })
      .then(() => emit('changed', { what: 'notes' }))
      .catch(fail);
  });
  const closeCompare = () => {
    const back = compare?.a;
    setCompare(null);
    // focus back in the text, not on the body the view's close button left it on
    if (back) openSource(back).then(() => keepFocus(null)).catch(fail);
  };

  const focusSearch = () => { setPanes((p) => (p.libOpen ? p : { ...p, libOpen: true })); searchRef.current?.focus(); searchRef.current?.select(); };

  /** What each application-menu command does (the same actions as the shortcuts and buttons). */
  const commands: MenuCommands = {
    'import-files': () => void startImport('files'),
    'import-folder': () => void startImport('folder'),
    'export': () => openExport(),
    'settings': () => setDialog({ kind: 'settings' }),
    'shortcuts': () => setDialog({ kind: 'shortcuts' }),
    'find': focusSearch,
    'find-in-source': find,
    'new-note': () => { showNotes(); emit('new-note', {}); },
  };
  useMenuCommands(commands);

  useShortcuts({
    searchRef, dialogOpen: !!dialog, popoverOpen: !!popover, canUndo: !!undo, selectedId,
    startImport: (kind) => void startImport(kind),
    openSettings: commands.settings,
    openExport,
    newNote: commands['new-note'],
    openShortcuts: commands.shortcuts,
    find,
    editAnnotation,
    undoDelete: () => { undoDelete().catch(fail); },
    stepAnnotation,
    findAnnotation: (id) => open?.annotations.find((x) => x.id === id),
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
    // the selection goes elsewhere (a note): its new-annotation popover would stay over the text
    onDragSelection: (r: { start: number; end: number; exact: string }, dt: DataTransfer) => { fillDrag(r, dt); setPopover(null); },
    onEnter: () => {
      const a = selectedId && !popover ? open?.annotations.find((x) => x.id === selectedId) : undefined;
      if (a) editAnnotation(a);
      return !!a;
    },
    onSelectionKey: (key: 'annotate' | 'highlight', r: ReaderRange) => {
      if (key === 'annotate') setPopover({ mode: 'new', ...r, focus: true });
      else createAnnotation(r, { color: 'yellow', comment: '', tags: [] }).catch(fail);
    },
  };

  const onReaderScroll = () => {
    clearTimeout(scrollSave.current);
    scrollSave.current = window.setTimeout(() => {
      const c = ctrlRef.current;
      if (c) api().updateSettings({ lastSourceId: c.source.id, lastScrollOffset: c.topOffset() }).catch(() => {});
    }, 300);
  };

  const saveMeta = async (patch: Partial<SourceMeta>) => {
    if (!open) return;
    try {
      setSource(await api().updateSource(open.source.id, patch));
      await library.changed({ sources: true });
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
    onSwitchCitations: (a, p) => { switchCitationsUndoably(a.id, p, { flush: async () => { await openNote?.flush?.(); }, offerUndo: setUndo }).catch(fail); },
  };

  const popAnn = popover?.mode === 'edit' ? open?.annotations.find((a) => a.id === popover.id) : undefined;
  // the titles of an import's duplicates (the sources they are copies of), read when its summary opens
  const [duplicateTitles, setDuplicateTitles] = useState(new Map<string, string>());
  useEffect(() => {
    const ids = [...new Set(summary?.duplicates.map((d) => d.id) ?? [])].slice(0, MAX_SOURCE_PAGE);
    if (ids.length === 0) return;
    api().listSources({ ids }).then((list) => setDuplicateTitles(new Map(list.map((s) => [s.id, s.title]))), fail);
  }, [summary]);
  const titleOf = (id: string) => duplicateTitles.get(id) ?? id;

  return (
    <div class="app">
      <Toolbar
        title={open?.source.title ?? ''} libOpen={panes.libOpen} sideOpen={panes.sideOpen}
        onToggleLibrary={() => setPanes((p) => ({ ...p, libOpen: p.noteWide || !p.libOpen, noteWide: false }))}
        onToggleSide={() => setPanes((p) => ({ ...p, sideOpen: !p.sideOpen, noteWide: false }))}
        onImport={() => void startImport()} onSettings={commands.settings} onShortcuts={commands.shortcuts}
        annotationsOpen={annotationsView === 'shown'} onToggleAnnotations={toggleAnnotationsView}
      />
      <LibraryStatusBanner refresh={failures} />
      {progress && (progress.total > 0 || waiting > 0) && <ImportProgress progress={progress} waiting={waiting} />}
      <div class="panes" style={{ gridTemplateColumns: paneColumns(panes) }}>
        <div class="pane" hidden={!panes.libOpen || panes.noteWide}>
          <Library
            version={library.version} tags={tags} collections={library.collections} currentId={open?.source.id ?? null} searchRef={searchRef}
            onOpen={(id) => openSource(id).catch(fail)} onOpenHit={(h) => openHit(h).catch(fail)}
            onDelete={(id) => deleteSource(id).catch(fail)} onDeleteCollection={(id) => deleteCollection(id).catch(fail)}
            onCollectionsChanged={() => { library.changed({ collections: true }).catch(fail); }} notify={setInfo} fail={fail}
          />
        </div>
        {panes.libOpen && !panes.noteWide ? <Splitter label="Resize library" value={panes.lib} min={200} max={560} onChange={(v) => setPanes((p) => ({ ...p, lib: v }))} /> : <div />}
        <main class="pane pane-main" hidden={panes.noteWide}>
          {compare && (
            <CompareView
              key={`${compare.a}|${compare.b}`} a={compare.a} b={compare.b} carry={compare.carry} knownTags={tags} fail={fail}
              onClose={closeCompare} onChoose={(a, b) => setCompare({ a, b })}
              onCite={(attrs) => { showNotes(); emit('cite', attrs); }}
              onDeleted={([first, ...more]) => { if (first) setUndo({ item: first, wasOpen: false, more }); }}
              onAnnotationsChanged={() => { annotationsChangedElsewhere().catch(fail); }} offerUndo={setUndo}
            />
          )}
          {annotationsView !== 'closed' && (
            <div class="main-view" hidden={annotationsView !== 'shown'}>
              <AnnotationsView
                collections={library.collections} fail={fail} onClose={() => setAnnotationsView('hidden')} onTagsChanged={() => { annotationsChangedElsewhere().catch(fail); }}
                offerUndo={setUndo}
                onDeleted={([first, ...more]) => { if (first) setUndo({ item: first, wasOpen: false, more }); }}
              />
            </div>
          )}
          <div class="main-view" hidden={!!compare || annotationsView === 'shown'}>
          <Reader
            source={open?.source ?? null} reveal={reveal} onRevealed={onRevealed} annotations={open?.annotations ?? []} empty={ready && library.count === 0}
            hooks={readerHooks} onReady={onReaderReady} onScroll={onReaderScroll} onSaveMeta={saveMeta}
            findRequest={findRequest}
            tools={<>
              <button type="button" title={`Export this source (${MOD}+E)`} onClick={openExport}>Export…</button>
              <button type="button" title="Import W3C Web Annotation JSON(-LD) onto this source" onClick={() => annInputRef.current?.click()}>Import annotations…</button>
              <button type="button" title="Decode this source's original file with another encoding (its annotations follow)" onClick={() => { setPopover(null); setDialog({ kind: 'reencode' }); }}>Reopen with encoding…</button>
            </>}
            header={open && <VersionsList sourceId={open.source.id} title={open.source.title} fail={fail} offerUndo={setUndo} onChanged={() => library.changed({ sources: true })} onOpen={(id) => openSource(id).catch(fail)} />}
          />
          </div>
        </main>
        {panes.sideOpen && !panes.noteWide ? <Splitter label="Resize side panel" value={panes.side} min={240} max={640} invert onChange={(v) => setPanes((p) => ({ ...p, side: v }))} /> : <div />}
        <div class="pane pane-side" hidden={!panes.sideOpen}>
          <SidePanel
            layout={panes} onLayout={(patch) => setPanes((p) => ({ ...p, ...patch }))} noteWide={panes.noteWide}
            annotationCount={open ? open.annotations.length : null}
            annotations={<AnnotationsPanel
              annotations={open?.annotations ?? []} textLength={open?.source.chars ?? 0} selectedId={selectedId} knownTags={tags} hasSource={!!open} actions={annActions}
            />}
            notes={<NotebookPanel onOpenChange={setOpenNote} onExport={openExport} offerUndo={setUndo}
              wide={panes.noteWide} onToggleWide={() => setPanes((p) => ({ ...p, noteWide: !p.noteWide, sideOpen: true, notesOpen: true }))} />}
          />
        </div>
      </div>

      {popover && open && (popover.mode === 'new' || popAnn) && (
        <AnnotationPopover
          popover={popover} sourceId={open.source.id} annotation={popAnn} knownTags={tags}
          onCreate={(p, d) => { createAnnotation(p, d).catch(fail); }} onSave={(a, d) => { saveAnnotation(a, d).catch(fail); }}
          onDelete={(a) => { deleteAnnotation(a).catch(fail); }} onCite={cite} onClose={() => setPopover(null)}
        />
      )}

      {dragging && <DropOverlay busy={!!progress} />}
      {summary && (
        <ImportSummary result={summary} titleOf={titleOf} onClose={closeSummary}
          onOpen={(id) => { closeSummary(); openSource(id).catch(fail); }}>
          <CollectionFromImport result={summary} onMake={makeCollection} />
        </ImportSummary>
      )}
      {dialog?.kind === 'settings' && <SettingsDialog settings={settings} onSave={saveSettings} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'export' && (
        <ExportDialog source={open ? { id: open.source.id, title: open.source.title } : null} note={openNote} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'annotation-import' && <AnnotationImportSummary fileName={dialog.fileName} result={dialog.result} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reencode' && open && <ReencodeDialog source={open.source} onClose={() => setDialog(null)} onReplace={replaceEncoding} />}

      <Toasts
        undo={undo} notice={notice} info={info}
        onUndo={() => undoDelete().catch(fail)} onDismissUndo={() => setUndo(null)} onDismissNotice={() => setNotice('')} onDismissInfo={() => setInfo('')}
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
