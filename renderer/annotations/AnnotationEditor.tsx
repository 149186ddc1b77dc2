// The small form for a new or existing annotation: colour, comment, tags.
// Shown as a popover over the reader selection and inline in the side panel.
// With a draft key, what is typed is kept (renderer/drafts.ts) until the
// owner saves it and clears the draft, or Cancel discards it, so a reload
// brings it back.
import { useState } from 'preact/hooks';
import { ANNOTATION_COLORS, isAnnotationColor, type AnnotationColor } from '../../common/types.ts';
import { clearDraft, readDraft, writeDraft } from '../drafts.ts';
import { TagInput } from './TagInput.tsx';

export interface AnnotationDraft { color: AnnotationColor; comment: string; tags: string[] }

/** Where an editor keeps its draft; `extra` is stored beside it (a new annotation's range) and must match to restore it. */
export interface DraftSlot { key: string; extra?: Record<string, unknown> }

/** A stored draft that says something (a comment or tags), or null. */
export function storedDraft<E extends Record<string, unknown>>(key: string): (AnnotationDraft & E) | null {
  const d = readDraft<AnnotationDraft & E>(key);
  return d && (d.comment?.trim() || d.tags?.length) ? d : null;
}

function restore(slot: DraftSlot | undefined, initial: AnnotationDraft): AnnotationDraft {
  const d = slot ? readDraft<AnnotationDraft & Record<string, unknown>>(slot.key) : null;
  if (!d || Object.entries(slot?.extra ?? {}).some(([k, v]) => d[k] !== v)) return initial;
  return {
    color: isAnnotationColor(d.color) ? d.color : initial.color,
    comment: typeof d.comment === 'string' ? d.comment : initial.comment,
    tags: Array.isArray(d.tags) ? d.tags.filter((t) => typeof t === 'string') : initial.tags,
  };
}

export function AnnotationEditor({ initial, draft, knownTags, label, onSave, onCancel, onDelete, onCite }: {
  initial: AnnotationDraft;
  draft?: DraftSlot;
  knownTags: string[];
  label: string;
  onSave(d: AnnotationDraft): void;
  onCancel(): void;
  onDelete?: () => void;
  onCite?: () => void;
}) {
  const [start] = useState(() => restore(draft, initial));
  const [color, setColorState] = useState(start.color);
  const [comment, setCommentState] = useState(start.comment);
  const [tags, setTagsState] = useState(start.tags);
  const keep = (next: AnnotationDraft) => { if (draft) writeDraft(draft.key, { ...draft.extra, ...next }); };
  const setColor = (c: AnnotationColor) => { setColorState(c); keep({ color: c, comment, tags }); };
  const setComment = (c: string) => { setCommentState(c); keep({ color, comment: c, tags }); };
  const setTags = (t: string[]) => { setTagsState(t); keep({ color, comment, tags: t }); };
  const save = () => onSave({ color, comment, tags });
  const cancel = () => { if (draft) clearDraft(draft.key); onCancel(); };
  return (
    <form
      class="ann-editor" aria-label={label}
      onSubmit={(e) => { e.preventDefault(); save(); }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancel(); }
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); save(); }
      }}
    >
      <div class="swatches" role="radiogroup" aria-label="Colour">
        {ANNOTATION_COLORS.map((c) => (
          <button
            key={c} type="button" role="radio" aria-checked={color === c} aria-label={c}
            class={`swatch hl-${c}`} onClick={() => setColor(c)}
          />
        ))}
      </div>
      <label class="field">
        <span>Comment</span>
        <textarea rows={3} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
      </label>
      <div class="field">
        <span>Tags</span>
        <TagInput tags={tags} known={knownTags} onChange={setTags} />
      </div>
      <div class="row">
        {onDelete && <button type="button" class="danger" onClick={onDelete}>Delete</button>}
        {onCite && <button type="button" onClick={onCite}>Add to note</button>}
        <span class="spacer" />
        <button type="button" onClick={cancel}>Cancel</button>
        <button type="submit" class="primary">Save</button>
      </div>
    </form>
  );
}
