// The side panel's list of the open source's annotations, in text order.
import { memo } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Annotation, PassageInVersion } from '../../common/types.ts';
import { isPlaced } from '../../common/placement.ts';
import { AnnotationEditor, type AnnotationDraft } from './AnnotationEditor.tsx';
import { editDraftKey } from './draft-keys.ts';
import { Backlinks } from '../notebook/Backlinks.tsx';
import { AlsoIn } from '../versions/AlsoIn.tsx';
import { on } from '../bus.ts';

const FIRST_STEP = 60;
const NEXT_STEP = 300;

export interface AnnotationActions {
  onSelect(a: Annotation): void;
  onSave(a: Annotation, d: AnnotationDraft): void;
  onDelete(a: Annotation): void;
  onCite(a: Annotation): void;
  onDragStart(a: Annotation, dt: DataTransfer): void;
  /** "Cite this version" under the selected annotation: the notes citing it cite that version's passage instead. */
  onSwitchCitations(a: Annotation, p: PassageInVersion): void;
}

export function AnnotationsPanel({ annotations, textLength, selectedId, knownTags, hasSource, actions }: {
  annotations: Annotation[];
  /** The open source's length in code points (an annotation outside it has no place). */
  textLength: number;
  selectedId: string | null;
  knownTags: string[];
  hasSource: boolean;
  /** Read through a ref so list items can skip re-rendering when only the parent changed. */
  actions: { current: AnnotationActions };
}) {
  // Long lists render in steps so opening a heavily annotated source paints the
  // text first; the rest of the list follows within a few frames.
  const [limit, setLimit] = useState(FIRST_STEP);
  const sourceId = annotations[0]?.sourceId;
  useEffect(() => { setLimit(FIRST_STEP); }, [sourceId]);
  useEffect(() => {
    if (limit >= annotations.length) return undefined;
    const t = setTimeout(() => setLimit((n) => n + NEXT_STEP), 16);
    return () => clearTimeout(t);
  }, [limit, annotations.length]);
  if (!hasSource) return <p class="panel-empty">Open a source to see its annotations.</p>;
  if (annotations.length === 0) return <p class="panel-empty">No annotations yet. Select text in the reader to highlight it.</p>;
  return (
    <ol class="ann-list" aria-label="Annotations">
      {annotations.slice(0, limit).map((a) => (
        <AnnotationItem key={a.id} a={a} placed={isPlaced(a, textLength)} selected={a.id === selectedId} knownTags={knownTags} actions={actions} />
      ))}
    </ol>
  );
}

/**
 * One annotation's card. An orphan (no place in this text) shows its quote as a
 * record: it leads nowhere in the reader and cannot be cited, since its range
 * would quote other words.
 */
const AnnotationItem = memo(function AnnotationItem({ a, placed, selected, knownTags, actions }: {
  a: Annotation; placed: boolean; selected: boolean; knownTags: string[]; actions: { current: AnnotationActions };
}) {
  const [editing, setEditing] = useState(false);
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => { if (selected) item.current?.scrollIntoView({ block: 'nearest' }); }, [selected]);
  const quote = <blockquote class="ann-quote">{a.exact.length > 280 ? `${a.exact.slice(0, 280)}…` : a.exact}</blockquote>;
  return (
    <li
      ref={item} class={`ann-item${selected ? ' selected' : ''}${placed ? '' : ' orphan'}`} data-annotation-id={a.id}
      draggable={!editing && placed}
      onDragStart={(e) => { if (e.dataTransfer) actions.current.onDragStart(a, e.dataTransfer); }}
    >
      {editing ? (
        <AnnotationEditor
          label="Edit annotation" initial={{ color: a.color, comment: a.comment, tags: a.tags }} knownTags={knownTags}
          draft={{ key: editDraftKey(a.id), extra: { modified: a.modified } }}
          onSave={(d) => { setEditing(false); actions.current.onSave(a, d); }} onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          {placed ? (
            <button type="button" class="ann-open" aria-label={`Go to passage: ${a.exact.slice(0, 80)}`} aria-current={selected ? 'true' : undefined} onClick={() => actions.current.onSelect(a)}>
              <span class={`dot hl-${a.color}`} aria-hidden="true" />
              {quote}
            </button>
          ) : (
            <div class="ann-open" onClick={() => actions.current.onSelect(a)}>
              <span class={`dot hl-${a.color}`} aria-hidden="true" />
              {quote}
            </div>
          )}
          {!placed ? <p class="ann-status">Orphaned: this passage was not found in this text, so nothing is highlighted.</p>
            : a.status === 'moved' && <p class="ann-status">Moved{a.score !== null ? ` (match ${Math.round(a.score * 100)}%)` : ''}</p>}
          {a.comment && <p class="ann-comment">{a.comment}</p>}
          {a.tags.length > 0 && (
            <ul class="chips" aria-label="Tags">{a.tags.map((t) => <li key={t} class="chip">{t}</li>)}</ul>
          )}
          <Backlinks id={a.id} sourceId={a.sourceId} compact />
          {selected && placed && <SelectedAlsoIn a={a} actions={actions} />}
          <div class="ann-actions" role="group" aria-label="Annotation actions">
            <button type="button" class="link" onClick={() => setEditing(true)}>Edit</button>
            {placed && <button type="button" class="link" onClick={() => actions.current.onCite(a)}>Add to note</button>}
            <button type="button" class="link danger" onClick={() => actions.current.onDelete(a)}>Delete</button>
          </div>
        </>
      )}
    </li>
  );
});

/** The selected annotation's "also in"; "Cite this version" while a note cites it (there are citations to point elsewhere). */
function SelectedAlsoIn({ a, actions }: { a: Annotation; actions: { current: AnnotationActions } }) {
  const [citing, setCiting] = useState(0);
  useEffect(() => {
    let live = true;
    const read = () => window.lectern.backlinks(a.id).then((l) => { if (live) setCiting(l.length); }, () => {});
    void read();
    const off = on('changed', (e) => { if (e.what === 'notes') void read(); });
    return () => { live = false; off(); };
  }, [a.id]);
  const passage = { sourceId: a.sourceId, start: a.start, end: a.end, exact: a.exact, annotationId: a.id };
  if (!citing) return <AlsoIn passage={passage} />;
  return (
    <AlsoIn passage={passage} onSwitch={(p) => actions.current.onSwitchCitations(a, p)}
      switchLabel={citing === 1 ? 'Cite this version in its note' : `Cite this version in its ${citing} notes`} />
  );
}
