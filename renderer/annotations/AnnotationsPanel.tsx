// The side panel's list of the open source's annotations, in text order.
import { useState } from 'preact/hooks';
import type { Annotation } from '../../common/types.ts';
import { AnnotationEditor, type AnnotationDraft } from './AnnotationEditor.tsx';

export function AnnotationsPanel({ annotations, selectedId, knownTags, hasSource, onSelect, onSave, onDelete, onCite, onDragStart }: {
  annotations: Annotation[];
  selectedId: string | null;
  knownTags: string[];
  hasSource: boolean;
  onSelect(a: Annotation): void;
  onSave(a: Annotation, d: AnnotationDraft): void;
  onDelete(a: Annotation): void;
  onCite(a: Annotation): void;
  onDragStart(a: Annotation, dt: DataTransfer): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  if (!hasSource) return <p class="panel-empty">Open a source to see its annotations.</p>;
  if (annotations.length === 0) return <p class="panel-empty">No annotations yet. Select text in the reader to highlight it.</p>;
  return (
    <ol class="ann-list" aria-label="Annotations">
      {annotations.map((a) => (
        <li
          key={a.id} class={`ann-item${a.id === selectedId ? ' selected' : ''}`} data-annotation-id={a.id}
          draggable={editing !== a.id}
          onDragStart={(e) => { if (e.dataTransfer) onDragStart(a, e.dataTransfer); }}
        >
          {editing === a.id ? (
            <AnnotationEditor
              label="Edit annotation" initial={{ color: a.color, comment: a.comment, tags: a.tags }} knownTags={knownTags}
              onSave={(d) => { setEditing(null); onSave(a, d); }} onCancel={() => setEditing(null)}
            />
          ) : (
            <>
              <button type="button" class="ann-open" aria-label={`Go to passage: ${a.exact.slice(0, 80)}`} aria-current={a.id === selectedId ? 'true' : undefined} onClick={() => onSelect(a)}>
                <span class={`dot hl-${a.color}`} aria-hidden="true" />
                <blockquote class="ann-quote">{a.exact.length > 280 ? `${a.exact.slice(0, 280)}…` : a.exact}</blockquote>
              </button>
              {a.status !== 'anchored' && <p class="ann-status">{a.status}</p>}
              {a.comment && <p class="ann-comment">{a.comment}</p>}
              {a.tags.length > 0 && (
                <ul class="chips" aria-label="Tags">{a.tags.map((t) => <li key={t} class="chip">{t}</li>)}</ul>
              )}
              <div class="ann-actions" role="group" aria-label="Annotation actions">
                <button type="button" class="link" onClick={() => setEditing(a.id)}>Edit</button>
                <button type="button" class="link" onClick={() => onCite(a)}>Add to note</button>
                <button type="button" class="link danger" onClick={() => onDelete(a)}>Delete</button>
              </div>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
