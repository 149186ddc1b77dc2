// The small form for a new or existing annotation: colour, comment, tags.
// Shown as a popover over the reader selection and inline in the side panel.
import { useState } from 'preact/hooks';
import { ANNOTATION_COLORS, type AnnotationColor } from '../../common/types.ts';
import { TagInput } from './TagInput.tsx';

export interface AnnotationDraft { color: AnnotationColor; comment: string; tags: string[] }

export function AnnotationEditor({ initial, knownTags, label, onSave, onCancel, onDelete, onCite }: {
  initial: AnnotationDraft;
  knownTags: string[];
  label: string;
  onSave(d: AnnotationDraft): void;
  onCancel(): void;
  onDelete?: () => void;
  onCite?: () => void;
}) {
  const [color, setColor] = useState(initial.color);
  const [comment, setComment] = useState(initial.comment);
  const [tags, setTags] = useState(initial.tags);
  const save = () => onSave({ color, comment, tags });
  return (
    <form
      class="ann-editor" aria-label={label}
      onSubmit={(e) => { e.preventDefault(); save(); }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onCancel(); }
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
        <button type="button" onClick={onCancel}>Cancel</button>
        <button type="submit" class="primary">Save</button>
      </div>
    </form>
  );
}
