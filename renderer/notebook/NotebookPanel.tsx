// The side panel's Notes tab: the notes list (create, search, delete with
// undo) and the open note (title, toolbar, editor, autosave, citations).
// 'cite' and 'open-note' bus events arriving while the panel is not mounted
// are kept and handled when it mounts.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Node as PmNode } from 'prosemirror-model';
import type { CitationAttrs } from '../../common/citation.ts';
import { quoteNode } from '../../common/note-schema.ts';
import { shortTitle } from '../../common/citation-label.ts';
import { readNoteDoc } from '../../common/note-parse.ts';
import type { Note, NoteSummary } from '../../common/types.ts';
import { emit, on, type BusEvents } from '../bus.ts';
import type { ActionUndo } from '../undo.ts';
import { Backlinks } from './Backlinks.tsx';
import { CitePalette } from './CitePalette.tsx';
import { createNoteEditor, type NoteEditor } from './editor.ts';
import { createSourceCache } from './sources.ts';
import { Toolbar, sameToolbarState, toolbarState, type ToolbarState } from './Toolbar.tsx';
import './notebook.css';

/** Autosave delay after the last change (the issue allows at most 1 s). */

/** The note text's accessible name: it says which note it is. */
const noteTextLabel = (title: string) => `Note text: ${title || 'Untitled note'}`;
export const AUTOSAVE_MS = 600;
const LAST_NOTE_KEY = 'lectern.notebook.lastNote';

type Pending = { kind: 'cite'; attrs: BusEvents['cite'] } | { kind: 'open-note'; payload: BusEvents['open-note'] };
const queue: Pending[] = [];
let deliver: ((p: Pending) => void) | null = null;
on('cite', (attrs) => { if (deliver) deliver({ kind: 'cite', attrs }); else queue.push({ kind: 'cite', attrs }); });
on('open-note', (payload) => { if (deliver) deliver({ kind: 'open-note', payload }); else queue.push({ kind: 'open-note', payload }); });

/** One source cache for every note (titles, paragraph numbers, live annotation ids). */
const sources = createSourceCache();
on('changed', (e) => {
  if (e.what === 'annotations') sources.refreshAnnotations();
  if (e.what === 'sources') sources.clear();
});

/** Debounced, serialised saving of one note's title and doc. */
class Saver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private patch: { title?: string; doc?: unknown } = {};
  private chain: Promise<unknown> = Promise.resolve();
  readonly noteId: string;
  private readonly onSaved: (n: Note) => void;
  private readonly onError: (e: unknown) => void;

  constructor(noteId: string, onSaved: (n: Note) => void, onError: (e: unknown) => void) {
    this.noteId = noteId;
    this.onSaved = onSaved;
    this.onError = onError;
  }

  schedule(patch: { title?: string; doc?: PmNode }): void {
    if (patch.title !== undefined) this.patch.title = patch.title;
    if (patch.doc !== undefined) this.patch.doc = patch.doc; // serialised at flush time, not per keystroke
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_MS);
  }

  get dirty(): boolean { return this.patch.title !== undefined || this.patch.doc !== undefined; }

  flush(): Promise<unknown> {
    clearTimeout(this.timer);
    if (!this.dirty) return this.chain;
    const patch = this.patch;
    this.patch = {};
    const body: { title?: string; doc?: unknown } = {};
    if (patch.title !== undefined) body.title = patch.title;
    if (patch.doc !== undefined) body.doc = (patch.doc as PmNode).toJSON();
    this.chain = this.chain.then(() => window.lectern.updateNote(this.noteId, body)).then(this.onSaved, this.onError);
    return this.chain;
  }
}

interface Toast { message: string; undo?: () => void }

export function NotebookPanel({ onToggleWide, wide = false, onOpenChange, onExport, offerUndo }: {
  /** Called by the "Wide" button; the shell decides how the panel takes the full width. Absent: no button. */
  onToggleWide?: () => void;
  wide?: boolean;
  /** Told which note is open (id, current title, and how to save it now, before an export), or null. */
  onOpenChange?: (note: { id: string; title: string; flush(): Promise<unknown> } | null) => void;
  /** The toolbar's "Export…" button (absent: no button). */
  onExport?: () => void;
  /** Hands a deletion's undo to the app's one Undo (its toast and Mod-Z); absent, the panel offers it in a toast of its own. */
  offerUndo?: (undo: ActionUndo) => void;
} = {}) {
  const [notes, setNotes] = useState<NoteSummary[]>([]);
  const [filter, setFilter] = useState('');
  const [bodyHits, setBodyHits] = useState<Set<string> | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  /** Grows when the open note was rewritten elsewhere (its citations re-anchored): the editor is built again from the store. */
  const [reloads, setReloads] = useState(0);
  const [title, setTitle] = useState('');
  const [tb, setTb] = useState<ToolbarState | null>(null);
  const [palette, setPalette] = useState(false);
  const [toast, setToast] = useState<Toast | null>(null);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | 'error'>('saved');
  /** Why the open note cannot be edited (a newer version's, or unreadable), or null. */
  const [readOnly, setReadOnly] = useState<string | null>(null);
  const editorHost = useRef<HTMLDivElement>(null);
  const editor = useRef<NoteEditor | null>(null);
  const saver = useRef<Saver | null>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const afterOpen = useRef<((e: NoteEditor) => void) | null>(null);
  const onOpenChangeRef = useRef(onOpenChange);
  onOpenChangeRef.current = onOpenChange;

  const reloadList = useCallback(async () => {
    setNotes(await window.lectern.listNotes());
  }, []);

  useEffect(() => {
    void reloadList();
    return on('changed', (e) => { if (e.what === 'notes') void reloadList(); });
  }, [reloadList]);

  /** Saves what is pending now (blur, close, switching notes). */
  const flush = useCallback(() => saver.current?.flush(), []);

  useEffect(() => {
    const onHide = () => { void flush(); };
    const onVisibility = () => { if (document.visibilityState === 'hidden') void flush(); };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [flush]);

  const openNote = useCallback(async (id: string | null, then?: (e: NoteEditor) => void) => {
    await saver.current?.flush();
    editor.current?.destroy();
    editor.current = null;
    saver.current = null;
    setTb(null);
    setOpenId(id);
    if (id) localStorage.setItem(LAST_NOTE_KEY, id);
    else localStorage.removeItem(LAST_NOTE_KEY);
    afterOpen.current = then ?? null;
  }, []);

  useEffect(() => on('changed', (e) => { if (e.what === 'notes' && openId && e.ids?.includes(openId)) setReloads((n) => n + 1); }), [openId]);

  // Build the editor for the open note.
  useEffect(() => {
    if (!openId || !editorHost.current) return undefined;
    let live = true;
    let created: NoteEditor | null = null;
    window.lectern.getNote(openId).then((note) => {
      if (!live || !editorHost.current) return;
      setTitle(note.title);
      // never autosaved over: a note this build cannot read as it was written opens read-only
      const reading = readNoteDoc(note);
      setReadOnly(reading.readOnly);
      const s = reading.readOnly ? null : new Saver(note.id, (saved) => {
        setSaveState('saved');
        setNotes((list) => list.map((n) => (n.id === saved.id ? { ...n, title: saved.title, modified: saved.modified } : n)));
        emit('changed', { what: 'notes' });
      }, (e) => {
        setSaveState('error');
        setToast({ message: `Could not save the note: ${String((e as Error).message ?? e)}` });
      });
      saver.current = s;
      let last: ToolbarState | null = null;
      created = createNoteEditor(editorHost.current, reading.doc, {
        onChange: (doc) => { if (!s) return; setSaveState('saving'); s.schedule({ doc }); },
        onUpdate: (view) => {
          const next = toolbarState(view.state);
          if (!last || !sameToolbarState(last, next)) { last = next; setTb(next); }
        },
        onBlur: () => { void s?.flush(); },
        openCitePalette: () => setPalette(true),
        openPassage: (a) => emit('open-passage', { sourceId: a.sourceId, start: a.start, end: a.end }),
      }, sources, { label: noteTextLabel(note.title), readOnly: reading.readOnly !== null });
      editor.current = created;
      last = toolbarState(created.view.state);
      setTb(last);
      const then = afterOpen.current;
      afterOpen.current = null;
      if (then) then(created);
    }, () => {
      if (!live) return;
      setOpenId(null);
      localStorage.removeItem(LAST_NOTE_KEY);
    });
    return () => {
      live = false;
      void saver.current?.flush();
      created?.destroy();
      if (editor.current === created) editor.current = null;
    };
  }, [openId, reloads]);

  const createNote = useCallback(async (init?: { title?: string; doc?: unknown }, then?: (e: NoteEditor) => void) => {
    const note = await window.lectern.createNote({ title: init?.title ?? 'Untitled note', ...(init?.doc ? { doc: init.doc } : {}) });
    await reloadList();
    emit('changed', { what: 'notes' });
    await openNote(note.id, then);
    return note;
  }, [openNote, reloadList]);

  // New note (the button, File > New Note, Mod-N): a new note, its title selected so typing names it
  // (left on the button, the next Space pressed it again and letters ran the reader's keys).
  const newNote = useCallback(() => {
    // after the next paint: the title field then holds the new note's title
    createNote(undefined, () => requestAnimationFrame(() => { titleInput.current?.focus(); titleInput.current?.select(); }))
      .catch((e: unknown) => setToast({ message: `Could not create a note: ${String((e as Error).message ?? e)}` }));
  }, [createNote]);
  useEffect(() => on('new-note', newNote), [newNote]);

  useEffect(() => {
    onOpenChangeRef.current?.(openId ? { id: openId, title, flush: async () => { await saver.current?.flush(); } } : null);
    editor.current?.setLabel(noteTextLabel(title));
  }, [openId, title]);

  // Bus events: "Add to note" and "open note at citation".
  const handle = useCallback(async (p: Pending) => {
    if (p.kind === 'cite') {
      if (editor.current && !editor.current.readOnly) { editor.current.quote(p.attrs); return; }
      const doc = { type: 'doc', content: [quoteNode(p.attrs).toJSON(), { type: 'paragraph' }] };
      await createNote({ title: `Notes on ${shortTitle(p.attrs.sourceTitle || 'a source', 60)}`, doc });
    } else {
      const { noteId, citing } = p.payload;
      const reveal = (e: NoteEditor) => { if (citing) e.revealCitation(citing); else e.view.focus(); };
      if (noteId === openId && editor.current) reveal(editor.current);
      else await openNote(noteId, reveal);
    }
  }, [createNote, openId, openNote]);

  useEffect(() => {
    deliver = (p) => { void handle(p); };
    while (queue.length) void handle(queue.shift()!);
    return () => { deliver = null; };
  }, [handle]);

  // Reopen the last note on first mount.
  useEffect(() => {
    const last = localStorage.getItem(LAST_NOTE_KEY);
    if (last && !openId && queue.length === 0) setOpenId(last);
  }, []);

  // Search notes by title locally, and by body through the library search.
  useEffect(() => {
    const q = filter.trim();
    if (!q) { setBodyHits(null); return undefined; }
    let live = true;
    const t = setTimeout(() => {
      window.lectern.search(q, 200).then((hits) => {
        if (live) setBodyHits(new Set(hits.filter((h) => h.kind === 'note').map((h) => h.id)));
      }, () => { if (live) setBodyHits(new Set()); });
    }, 150);
    return () => { live = false; clearTimeout(t); };
  }, [filter]);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return notes;
    return notes.filter((n) => n.title.toLowerCase().includes(q) || bodyHits?.has(n.id));
  }, [notes, filter, bodyHits]);

  const onTitle = (value: string) => {
    if (readOnly) return;
    setTitle(value);
    setNotes((list) => list.map((n) => (n.id === openId ? { ...n, title: value } : n)));
    setSaveState('saving');
    saver.current?.schedule({ title: value });
  };

  const deleteOpen = async () => {
    if (!openId) return;
    await saver.current?.flush();
    const id = openId;
    await openNote(null);
    const deleted = await window.lectern.deleteNote(id);
    await reloadList();
    emit('changed', { what: 'notes' });
    const message = `Deleted “${deleted.title || 'Untitled note'}”.`;
    const restore = async () => {
      await window.lectern.restore([deleted.id]);
      setToast(null);
      await reloadList();
      emit('changed', { what: 'notes' });
      await openNote(deleted.id);
    };
    if (offerUndo) {
      offerUndo({ message, run: restore });
      return;
    }
    setToast({
      message,
      undo: () => { restore().catch((e: unknown) => setToast({ message: `Could not restore the note: ${String((e as Error).message ?? e)}` })); },
    });
  };

  useEffect(() => {
    if (!toast) return undefined;
    const t = setTimeout(() => setToast(null), toast.undo ? 12_000 : 6_000);
    return () => clearTimeout(t);
  }, [toast]);

  return (
    <div class={`notebook${wide ? ' wide' : ''}`} onKeyDown={(e) => {
      // Undo a delete with Mod-Z while the toast is up and focus is not in a text field
      if (toast?.undo && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !(e.target as HTMLElement).closest('input, [contenteditable="true"]')) {
        e.preventDefault();
        toast.undo();
      }
    }}>
      <div class="notes-head">
        <input
          type="search" class="notes-filter" placeholder="Find notes" aria-label="Find notes"
          value={filter} onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="button" class="btn" onClick={newNote}>New note</button>
        {onToggleWide && (
          <button type="button" class="btn" aria-pressed={wide} onClick={onToggleWide}>{wide ? 'Narrow' : 'Wide'}</button>
        )}
      </div>
      {notes.length === 0 ? (
        <p class="panel-empty">No notes yet. Create one, or use “Add to note” on an annotation.</p>
      ) : (
        <ul class="notes-list" aria-label="Notes">
          {shown.map((n) => (
            <li key={n.id}>
              <button
                type="button" class={`note-item${n.id === openId ? ' open' : ''}`} aria-current={n.id === openId ? 'true' : undefined}
                onClick={() => { if (n.id !== openId) void openNote(n.id); }}
              >
                <span class="note-item-title">{n.title || 'Untitled note'}</span>
                <span class="note-item-meta">{n.citationCount > 0 ? `${n.citationCount} citation${n.citationCount > 1 ? 's' : ''}` : ''}</span>
              </button>
            </li>
          ))}
          {shown.length === 0 && <li class="panel-empty">No note matches “{filter}”.</li>}
        </ul>
      )}
      {openId && (
        <section class="note-pane" aria-label="Open note">
          <div class="note-title-row">
            <input
              ref={titleInput} class="note-title" aria-label="Note title" value={title} placeholder="Untitled note" readOnly={readOnly !== null}
              onInput={(e) => onTitle((e.currentTarget as HTMLInputElement).value)}
              onBlur={() => void flush()}
              onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); editor.current?.view.focus(); } }}
            />
            <span class="save-state" role="status" aria-live="polite">{saveState === 'saving' ? 'Saving…' : saveState === 'error' ? 'Not saved' : 'Saved'}</span>
            <button type="button" class="btn danger note-delete" aria-label="Delete note" title="Delete this note (Undo brings it back)" onClick={() => void deleteOpen()}>
              <span class="note-delete-word">Delete note</span>
              <svg class="note-delete-icon" viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" focusable="false">
                <path d="M6 2h4M2.5 4h11M4 4l.7 9.2c.1.5.5.8 1 .8h4.6c.5 0 .9-.3 1-.8L12 4M6.5 6.5v5M9.5 6.5v5"
                  fill="none" stroke="currentColor" stroke-width="1.3" stroke-linecap="round" stroke-linejoin="round" />
              </svg>
            </button>
          </div>
          {readOnly && <p class="note-readonly" role="note">{readOnly}</p>}
          <Toolbar editor={editor.current} readOnly={readOnly !== null} state={tb} onCite={() => setPalette(true)} onExport={onExport ? () => { void flush(); onExport(); } : undefined} />
          <div class="note-editor-host" ref={editorHost} />
          {tb?.citation && (
            <Backlinks id={tb.citation.annotationId ?? tb.citation.sourceId} exclude={openId} label="Also cited in" compact />
          )}
        </section>
      )}
      {palette && (
        <CitePalette
          onClose={() => { setPalette(false); editor.current?.view.focus(); }}
          onChoose={(a: Promise<CitationAttrs>) => {
            setPalette(false);
            if (!editor.current) { a.catch(() => undefined); return; }
            editor.current.cite(a).catch((e: unknown) => setToast({ message: `Could not cite that passage: ${String((e as Error).message ?? e)}` }));
          }}
        />
      )}
      {toast && (
        <div class="toast" role="status">
          <span>{toast.message}</span>
          {toast.undo && <button type="button" class="btn" onClick={toast.undo}>Undo</button>}
          <button type="button" class="btn link" aria-label="Dismiss" onClick={() => setToast(null)}>×</button>
        </div>
      )}
    </div>
  );
}

export { Backlinks };
