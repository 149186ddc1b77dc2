// "Reopen with encoding…" (issue 13.3): the likely encodings for the source's
// original bytes first, then every encoding by family, in one list the
// keyboard walks (a native listbox); the chosen one previewed (the first
// lines, what happens to the annotations and citations); Replace puts it in
// place. Afterwards the app's toast offers Undo.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EncodingChoice, ReencodeOptions, ReencodeResult, Source } from '../../common/types.ts';
import { Dialog } from './Dialog.tsx';
import { plural } from '../plural.ts';

/** How many lines of the new text the preview shows. */
const PREVIEW_LINES = 14;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** A likely encoding: its label and the language its reading fits (its family is in the list below). */
const label = (c: EncodingChoice) => `${c.encoding}${c.language ? ` (${c.language})` : ''}`;

/** Every encoding under its family, in the order the decoder lists them. */
function byFamily(all: EncodingChoice[]): [string, EncodingChoice[]][] {
  const groups = new Map<string, EncodingChoice[]>();
  for (const c of all) groups.set(c.family, [...(groups.get(c.family) ?? []), c]);
  return [...groups];
}

export function ReencodeDialog({ source, onClose, onReplace }: {
  source: Source; onClose(): void;
  /** Replaces the text (the caller flushes an open note first and reloads afterwards); rejects with the reason. */
  onReplace(encoding: string): Promise<void>;
}) {
  const [options, setOptions] = useState<ReencodeOptions | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [preview, setPreview] = useState<ReencodeResult | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);
  const list = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    window.lectern.reencodeOptions(source.id).then((o) => {
      setOptions(o);
      const first = o.likely.find((c) => c.encoding !== o.encoding) ?? o.all.find((c) => c.encoding !== o.encoding);
      if (!o.refused && first) setChosen(first.encoding);
    }, (e: unknown) => setError(errorText(e)));
  }, [source.id]);

  useEffect(() => {
    if (!chosen) return;
    const n = ++asked.current;
    setError('');
    window.lectern.reencodeSource(source.id, chosen, { preview: true }).then((p) => {
      if (n === asked.current) setPreview(p);
    }, (e: unknown) => {
      if (n !== asked.current) return;
      setPreview(null);
      setError(errorText(e));
    });
  }, [chosen, source.id]);

  // the list takes focus once it is there, so the arrow keys choose at once
  useEffect(() => { if (options && !options.refused) list.current?.focus(); }, [options]);

  const ready = preview && preview.to === chosen;
  const same = chosen === options?.encoding;
  const canReplace = !!ready && !same && preview.invalid === 0 && !busy;
  const replace = async () => {
    if (!canReplace) return;
    setBusy(true);
    try {
      await onReplace(chosen);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  const live = preview ? preview.annotations.filter((a) => !a.deleted).length : 0;
  return (
    <Dialog title="Reopen with encoding" onClose={onClose} class="reencode-dialog">
      {!options && !error && <p class="muted">Reading the original file…</p>}
      {options?.refused && <p class="reencode-refused" role="alert">{options.refused}</p>}
      {options && !options.refused && (
        <form class="reencode" onSubmit={(e) => { e.preventDefault(); void replace(); }}>
          <p class="muted">“{source.originalName}” is read as <strong>{options.encoding}</strong>. The original bytes are decoded again; their SHA-256 stays.</p>
          <div class="reencode-columns">
            <label class="field reencode-list">
              <span>Encoding</span>
              <select ref={list} size={12} value={chosen} aria-describedby="reencode-preview-summary"
                onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}
                onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void replace(); } }}>
                {options.likely.length > 0 && (
                  <optgroup label="Likely">
                    {options.likely.map((c) => <option key={`likely-${c.encoding}`} value={c.encoding} title={`${c.family}${c.language ? `; reads as ${c.language}` : ''}`}>{label(c)}{c.encoding === options.encoding ? ' (now)' : ''}</option>)}
                  </optgroup>
                )}
                {byFamily(options.all).map(([family, members]) => (
                  <optgroup key={family} label={family}>
                    {members.map((c) => <option key={c.encoding} value={c.encoding}>{c.encoding}{c.encoding === options.encoding ? ' (now)' : ''}</option>)}
                  </optgroup>
                ))}
              </select>
            </label>
            <section class="reencode-preview" aria-label="Preview">
              <pre class="reencode-text" data-encoding={ready ? preview.to : ''}>{ready ? preview.head.split('\n').slice(0, PREVIEW_LINES).join('\n') : ' '}</pre>
              <p id="reencode-preview-summary" class="reencode-summary" aria-live="polite">
                {!ready ? 'Decoding…' : same ? `This is how the text reads now (${chosen}).` : <>
                  {preview.invalid > 0 && <strong class="reason">{plural(preview.invalid, 'byte sequence')} cannot be read as {chosen} (shown as �): choose another encoding. </strong>}
                  {live === 0 ? 'No annotations to re-anchor.' : <>{plural(live, 'annotation')}: <strong>{preview.anchored}</strong> anchored · <strong>{preview.moved}</strong> moved · <strong>{preview.orphaned}</strong> orphaned.</>}
                  {preview.citations > 0 && ` ${plural(preview.citations, 'citation')} in notes follow.`}
                  {preview.meta.map((m) => ` ${m.field[0]!.toUpperCase()}${m.field.slice(1)} becomes “${m.after ?? ''}”.`).join('')}
                </>}
              </p>
            </section>
          </div>
          {error && <p class="reason" role="alert">{error}</p>}
          <div class="row">
            <span class="spacer" />
            <button type="button" onClick={onClose}>Cancel</button>
            <button type="submit" class="primary" disabled={!canReplace}>Replace</button>
          </div>
        </form>
      )}
      {(options?.refused || (!options && error)) && (
        <>
          {error && <p class="reason" role="alert">{error}</p>}
          <div class="row"><span class="spacer" /><button type="button" class="primary" onClick={onClose}>Close</button></div>
        </>
      )}
    </Dialog>
  );
}

/** After a replacement: what happened, and Undo. */
