// "Reopen with encoding…" (issue 13.3): a source's original bytes decoded with
// another encoding, previewed, then put in place of its text in one write
// transaction: the text and encoding (the sha256 of the bytes stays), the
// descriptive fields that were read from the garbled text, every annotation
// (live and in the trash) and every citation of a live note re-anchored, the
// versions candidate index, and an undo record (db/reencodes.ts). The
// full-text indexes and the sync outbox follow through the store's triggers.
import { createHash } from 'node:crypto';
import { codePointLength, OffsetMap, sliceCodePoints } from '../../../common/offsets.ts';
import { quoteAt } from '../../../common/selectors.ts';
import { readNoteDoc } from '../../../common/note-parse.ts';
import { FORMAT_NAMES } from '../../../common/import-formats.ts';
import {
  ApiError, type EncodingChoice, type Id, type ReencodedAnnotation, type ReencodeField, type ReencodeOptions, type ReencodeResult,
  type Source, type SourceMeta, type UndoReencodeResult,
} from '../../../common/types.ts';
import type { Store } from '../../../db/store.ts';
import type { AnchorRow } from '../../../db/reencodes.ts';
import { found } from '../../found.ts';
import { noteWrite } from '../../note-write.ts';
import { expandOriginal } from '../original-bytes.ts';
import { decodeBytes } from '../decode.ts';
import { extractMetadata } from '../metadata.ts';
import { ENCODINGS, encodingInfo } from '../encoding/encodings.ts';
import { detectorEvidence } from '../encoding/detectors.ts';
import { rankLegacy } from '../encoding/rank.ts';
import { detectionSample } from '../encoding/sample.ts';
import { shingleSignature } from '../../versions/features.ts';
import { detectVersions } from '../../versions/detect.ts';
import { decodeOriginalAs } from './decode-original.ts';
import { passageMover, type Replaced } from './passages.ts';
import { replaceCitations, type CitedRange } from './citations.ts';
import { translator } from './translate.ts';

/** How much of the new text a preview shows (code points). */
export const PREVIEW_CHARS = 2000;
/** How many changed lines a preview lists, and how long each may be. */
const CHANGED_LINES = 8;
const LINE_CHARS = 240;
/** How many likely encodings are offered first. */
const LIKELY = 6;

const META_FIELDS: ReencodeField[] = ['title', 'published', 'publisher', 'url', 'byline'];

interface AnnotationUndo { id: Id; before: Omit<AnchorRow, 'id' | 'deleted'>; after: CitedRange }
interface NoteUndo { noteId: Id; changes: { before: CitedRange; after: CitedRange }[] }
interface UndoState {
  text: string;
  meta: { field: ReencodeField; before: string | null; after: string | null }[];
  annotations: AnnotationUndo[];
  citations: NoteUndo[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sameRange = (x: CitedRange, y: CitedRange) => x.start === y.start && x.end === y.end && x.exact === y.exact;

/** Why a source cannot be reopened with another encoding, or null. */
function refusal(store: Store, s: Source): string | null {
  if (s.format !== 'text' && s.format !== 'markdown') {
    return `“${s.title}” is ${FORMAT_NAMES[s.format]}: its text was extracted from the document, not decoded from its bytes, so it cannot be reopened with another encoding`;
  }
  if (!s.hasOriginal || !store.sources.original(s.id)) {
    return `“${s.title}” was imported before Lectern kept original files (or arrived by sync), so there are no bytes to decode again: import ${s.originalName} again to choose its encoding`;
  }
  return null;
}

/** The encoding the importer reads these bytes as, or null when it refuses them. */
function importerReading(bytes: Uint8Array): string | null {
  try { return decodeBytes(bytes).encoding; } catch { return null; }
}

function unknownEncoding(encoding: string): ApiError {
  return new ApiError('unknown-encoding', `Unknown encoding “${encoding}”. Lectern reads: ${ENCODINGS.map((e) => e.label).join(', ')}`);
}

/** The first lines that read differently in the two texts. */
function changedLines(before: string, after: string): ReencodeResult['changedLines'] {
  const a = before.split('\n');
  const b = after.split('\n');
  const out: ReencodeResult['changedLines'] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < CHANGED_LINES; i++) {
    if (a[i] === b[i]) continue;
    out.push({ line: i + 1, before: (a[i] ?? '').slice(0, LINE_CHARS), after: (b[i] ?? '').slice(0, LINE_CHARS) });
  }
  return out;
}

/** Descriptive fields read from the old text and still as read (not edited): read again from the new text. */
function metaChanges(s: Source, newText: string): UndoState['meta'] {
  const was = extractMetadata(s.text, s.originalName);
  const now = extractMetadata(newText, s.originalName);
  return META_FIELDS.filter((f) => s[f] === was[f] && now[f] !== was[f]).map((f) => ({ field: f, before: s[f], after: now[f] }));
}

const metaPatch = (changes: UndoState['meta'], side: 'before' | 'after'): Partial<SourceMeta> =>
  Object.fromEntries(changes.map((c) => [c.field, c[side]]));

interface Plan {
  text: string;
  annotations: { row: AnchorRow; to: Replaced }[];
  notes: { noteId: Id; title: string; doc: unknown; changes: NoteUndo['changes'] }[];
  notesSkipped: Id[];
  meta: UndoState['meta'];
}

/** Where everything that points into the source goes on the new text. Reads only. */
function plan(store: Store, s: Source, newText: string, encoding: string): Plan {
  const mover = passageMover(s.text, newText, translator(s.encoding, encoding));
  const oldMap = new OffsetMap(s.text);
  const annotations = store.reencodes.anchors(s.id).map((row) => {
    const placed = row.status !== 'orphaned' && sliceCodePoints(s.text, row.start, row.end, oldMap) === row.exact;
    return { row, to: mover.move(row, !placed) };
  });
  const byId = new Map(annotations.map((a) => [a.row.id, a.to]));
  const notes: Plan['notes'] = [];
  const notesSkipped: Id[] = [];
  for (const noteId of store.reencodes.citingNotes(s.id)) {
    const note = store.notes.get(noteId);
    if (!note) continue; // in the trash: left as it is
    const reading = readNoteDoc(note);
    if (reading.readOnly) { notesSkipped.push(noteId); continue; }
    const changes: NoteUndo['changes'] = [];
    const doc = replaceCitations(reading.doc.toJSON() as Parameters<typeof replaceCitations>[0], s.id, (_k, was) => {
      const ann = was.annotationId ? byId.get(was.annotationId) : undefined;
      let to: Replaced;
      if (ann) to = ann;
      else {
        const quoted = was.end <= oldMap.codePoints && sliceCodePoints(s.text, was.start, was.end, oldMap) === was.exact && was.end > was.start;
        const context = quoted ? quoteAt(s.text, was.start, was.end, oldMap) : { prefix: '', suffix: '' };
        to = mover.move({ ...was, ...context }, !quoted);
      }
      const after = to.status === 'orphaned' ? { start: to.start, end: to.start, exact: was.exact } : { start: to.start, end: to.end, exact: to.exact };
      if (sameRange(after, was)) return null;
      changes.push({ before: { start: was.start, end: was.end, exact: was.exact }, after });
      return after;
    });
    if (changes.length > 0) notes.push({ noteId, title: note.title, doc, changes });
  }
  return { text: newText, annotations, notes, notesSkipped, meta: metaChanges(s, newText) };
}

/** Indexes the source's new text for finding versions, and drops the detected relations measured on the old one. */
function reindexVersions(store: Store, id: Id, text: string): void {
  const seq = store.versionIndex.seqOf(id);
  if (seq !== undefined) store.versionIndex.put([{ seq, signature: shingleSignature(text) }]);
  for (const r of store.relations.listLiveFor(id)) {
    if (r.origin === 'detected' && !r.dismissed && r.kind !== 'revision') store.relations.removeStale(r.a, r.b);
  }
}

/** Finds the source's versions on its new text (derived data: a failure leaves them to `versions --rebuild`). */
function redetect(store: Store, id: Id): void {
  try { detectVersions(store, [id]); } catch { /* the text is replaced either way */ }
}

export function createReencodeService(store: Store) {
  const source = (id: Id) => found(store.sources.get(id), 'source', id);
  const bytesOf = (s: Source): Uint8Array => {
    const why = refusal(store, s);
    if (why) throw new ApiError('cannot-reencode', why);
    return expandOriginal(store.sources.original(s.id)!);
  };

  const result = (s: Source, encoding: string, p: Plan, invalid: number, preview: boolean): ReencodeResult => {
    const annotations: ReencodedAnnotation[] = p.annotations.map(({ row, to }) => ({
      id: row.id, status: to.status, score: to.score, start: to.start, end: to.end, exact: to.exact, deleted: row.deleted,
      before: { start: row.start, end: row.end, exact: row.exact, status: row.status },
    }));
    const count = (st: string) => annotations.filter((a) => !a.deleted && a.status === st).length;
    return {
      sourceId: s.id, from: s.encoding, to: encoding, preview, chars: codePointLength(p.text), invalid,
      head: [...p.text.slice(0, PREVIEW_CHARS * 2)].slice(0, PREVIEW_CHARS).join(''), changedLines: changedLines(s.text, p.text),
      annotations, anchored: count('anchored'), moved: count('moved'), orphaned: count('orphaned'),
      citations: p.notes.reduce((n, x) => n + x.changes.length, 0), notes: p.notes.map((n) => n.noteId), notesSkipped: p.notesSkipped, meta: p.meta,
    };
  };

  return {
    options(id: Id): ReencodeOptions {
      const s = source(id);
      const all: EncodingChoice[] = ENCODINGS.map((e) => ({ encoding: e.label, family: e.family, language: null }));
      const undo = store.reencodes.get(id);
      const base = { sourceId: id, encoding: s.encoding, all, undo: undo ? { from: undo.from, to: undo.to, at: undo.created } : null };
      const why = refusal(store, s);
      if (why) return { ...base, refused: why, likely: [] };
      const bytes = bytesOf(s);
      const sample = detectionSample(bytes);
      const seen = new Set<string>();
      const likely: EncodingChoice[] = [];
      // what the importer itself reads the bytes as (a byte-order mark, valid UTF-8 or UTF-16 come before any legacy ranking)
      const detected = importerReading(bytes);
      if (detected && encodingInfo(detected)?.family === 'Unicode') likely.push({ encoding: detected, family: 'Unicode', language: null });
      // one entry per distinct reading, those without invalid sequences first
      const ranked = rankLegacy(sample, detectorEvidence(sample)).sort((a, b) => Number(a.invalid > 0) - Number(b.invalid > 0));
      for (const c of ranked) {
        if (seen.has(c.text) || likely.length >= LIKELY) continue;
        seen.add(c.text);
        likely.push({ encoding: c.encoding, family: encodingInfo(c.encoding)!.family, language: c.language });
      }
      return { ...base, refused: null, likely };
    },

    reencode(id: Id, encoding: string, preview: boolean): ReencodeResult {
      if (!encodingInfo(encoding)) throw unknownEncoding(encoding);
      const s = source(id);
      const { text, invalid } = decodeOriginalAs(bytesOf(s), encoding, s.originalName);
      if (preview) return result(s, encoding, plan(store, s, text, encoding), invalid, true);
      if (encoding === s.encoding) throw new ApiError('same-encoding', `“${s.title}” is already read as ${encoding}`);
      if (invalid > 0) {
        throw new ApiError('invalid-bytes', `${s.originalName} is not valid ${encoding}: ${invalid} byte sequence${invalid === 1 ? '' : 's'} cannot be read (shown as �). Nothing was changed; choose another encoding`);
      }
      if (text.trim() === '') throw new ApiError('invalid-bytes', `${s.originalName} read as ${encoding} is only white space. Nothing was changed`);
      // decided under the write lock, on the source as it is then (another process may have changed it)
      const done = store.write(() => {
        const now = source(id);
        const p = plan(store, now, text, encoding);
        store.sources.replaceText(id, { text, encoding, chars: codePointLength(text), meta: metaPatch(p.meta, 'after') });
        for (const { row, to } of p.annotations) {
          store.reencodes.setAnchor({ id: row.id, start: to.start, end: to.end, exact: to.exact, prefix: to.prefix, suffix: to.suffix,
            status: to.status, score: to.status === 'moved' ? to.score : null });
        }
        for (const n of p.notes) found(store.notes.update(n.noteId, noteWrite(n.title, n.doc)), 'note', n.noteId);
        reindexVersions(store, id, text);
        const before: UndoState = {
          text: now.text, meta: p.meta,
          annotations: p.annotations.map(({ row, to }) => ({
            id: row.id, before: { start: row.start, end: row.end, exact: row.exact, prefix: row.prefix, suffix: row.suffix, status: row.status, score: row.score },
            after: { start: to.start, end: to.end, exact: to.exact },
          })),
          citations: p.notes.map((n) => ({ noteId: n.noteId, changes: n.changes })),
        };
        store.reencodes.put<UndoState>({ sourceId: id, from: now.encoding, to: encoding, afterTextSha256: sha256(text), before });
        return result(now, encoding, p, invalid, false);
      });
      redetect(store, id);
      return done;
    },

    undo(id: Id): UndoReencodeResult {
      const done = store.write(() => {
        const s = source(id);
        const rec = store.reencodes.get<UndoState>(id);
        if (!rec) throw new ApiError('nothing-to-undo', `“${s.title}” has no re-encoding to undo`);
        if (s.encoding !== rec.to || sha256(s.text) !== rec.afterTextSha256) {
          throw new ApiError('reencode-changed', `“${s.title}” has changed since it was reopened as ${rec.to}; nothing was undone`);
        }
        const { before } = rec;
        const meta = before.meta.filter((m) => s[m.field] === m.after);
        store.sources.replaceText(id, { text: before.text, encoding: rec.from, chars: codePointLength(before.text), meta: metaPatch(meta, 'before') });
        const current = new Map(store.reencodes.anchors(id).map((a) => [a.id, a]));
        let restored = 0;
        let kept = 0;
        for (const a of before.annotations) {
          const cur = current.get(a.id);
          if (!cur) continue; // purged since
          if (sameRange(cur, a.after)) { store.reencodes.setAnchor({ id: a.id, ...a.before }); restored++; } else kept++;
        }
        let citations = 0;
        for (const n of before.citations) {
          const note = store.notes.get(n.noteId);
          if (!note) continue;
          const reading = readNoteDoc(note);
          if (reading.readOnly) continue;
          const left = [...n.changes];
          const doc = replaceCitations(reading.doc.toJSON() as Parameters<typeof replaceCitations>[0], id, (_k, was) => {
            const i = left.findIndex((c) => sameRange(c.after, was));
            if (i < 0) return null;
            citations++;
            return left.splice(i, 1)[0]!.before;
          });
          if (left.length < n.changes.length) store.notes.update(n.noteId, noteWrite(note.title, doc));
        }
        reindexVersions(store, id, before.text);
        store.reencodes.drop(id);
        return { sourceId: id, encoding: rec.from, restored, kept, citations };
      });
      redetect(store, id);
      return done;
    },
  };
}

export type ReencodeService = ReturnType<typeof createReencodeService>;