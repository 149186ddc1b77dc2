// Carrying a passage (an annotation's range and quote) from one version of a
// text onto another, through their alignment first, then by quote
// re-anchoring restricted to where the passage would be. Pure. The verdict:
// - anchored: the same exact text, at the aligned place;
// - moved: the aligned place holds it reworded; the copy's exact text becomes
//   that counterpart passage, with a score (0..1, word similarity);
// - orphaned: absent from the target; start === end (the place where it would
//   stand), so the copy paints no text; it keeps its quote and comment.
// A copy is never placed on a passage that does not answer it: a counterpart
// below MIN_CARRY_SCORE is an orphan.
import { alignedAsVersions, THRESHOLDS } from './align/align.ts';
import type { Alignment, Segment, SideRange } from './align/types.ts';
import { diffParts, type DiffPart } from './align/word-diff.ts';
import { STOPWORDS, words, type WordSpan } from './align/words.ts';
import { MAX_HEADLINE_WORDS } from './align/units.ts';
import { OffsetMap } from './offsets.ts';
import { sentencesUtf16 } from './segment.ts';
import { reanchor, type StoredAnchor } from './reanchor.ts';
import type { AnnotationStatus } from './types.ts';

export interface Carried {
  status: AnnotationStatus;
  /** Code points in the target; start === end for an orphan. */
  start: number;
  end: number;
  /** The target's text at [start, end): the original quote for an orphan. */
  exact: string;
  /** 1 when anchored, the word similarity of the quote and its counterpart when moved, 0 when orphaned. */
  score: number;
}

/** Below this word similarity between a quote and its counterpart the copy is an orphan. */
export const MIN_CARRY_SCORE = 0.5;

type Side = 'a' | 'b';

/** One alignment read from the source's side: `src` is where the passage is, `dst` where it goes. */
interface View {
  src: (g: Segment) => SideRange | null;
  dst: (g: Segment) => SideRange | null;
  srcText: string;
  dstText: string;
  srcMap: OffsetMap;
  dstMap: OffsetMap;
  parts: WeakMap<Segment, DiffPart[]>;
  /** Which side of the alignment the source is. */
  side: Side;
}

/**
 * Carries `anchor` (a passage of `source`) onto `target`. `alignment` aligns the
 * two texts; `sourceSide` says which of its sides the source is ('a' when it
 * was alignTexts(source, target)).
 */
export function carryPassage(anchor: StoredAnchor, source: string, target: string, alignment: Alignment, sourceSide: Side = 'a'): Carried {
  const other: Side = sourceSide === 'a' ? 'b' : 'a';
  const v: View = {
    src: (g) => g[sourceSide], dst: (g) => g[other], srcText: source, dstText: target,
    srcMap: new OffsetMap(source), dstMap: new OffsetMap(target), parts: new WeakMap(), side: sourceSide,
  };
  // the passage in the source: its stored range, or wherever its quote now is
  let { start, end } = anchor;
  if (source.slice(v.srcMap.toUtf16(start), v.srcMap.toUtf16(end)) !== anchor.exact || end <= start) {
    const found = reanchor(source, anchor, v.srcMap);
    if (found.status === 'orphaned') return orphan(anchor, 0);
    ({ start, end } = found);
  }
  const inOrder = alignment.segments.filter((g) => g.kind !== 'moved');
  const place = placeInTarget(v, inOrder, start);

  // 1. through the alignment: every segment holding the passage's start, in-order ones first
  let best: Carried | null = null;
  const covering = [...inOrder, ...alignment.segments.filter((s) => s.kind === 'moved')].filter((g) => {
    const s = v.src(g);
    return s && v.dst(g) && s.end > start && s.start < end;
  });
  for (const g of covering) {
    const c = throughSegment(v, alignment.segments, g, start, end, anchor.exact);
    if (c && (!best || c.score > best.score)) best = c;
    if (best?.status === 'anchored') return best;
  }
  if (best && best.score >= MIN_CARRY_SCORE) return best;

  // 1b. an opening line (a headline) of versions of one story goes to the other's opening line
  // however reworded ("Roddick into San Jose final" -> "Roddick to face Saulnier in final"): the
  // alignment pairs them, and the other sentences of the texts vouch for the pair
  const opening = openingLine(v, covering, start, end, anchor.exact, () => alignedAsVersions(alignment));
  if (opening) return opening;

  // 2. the words of the quote inside a counterpart of the passage's sentence (reworded and reordered)
  for (const g of covering) {
    let w = bestWindow(v, anchor.exact, v.dst(g)!);
    // a sentence quoted whole answers the whole clause holding the words found (not only the words the two share)
    if (w && w.status === 'moved' && quotesWhole(v, g, start, end)) w = wholeClause(v, g, w, anchor.exact) ?? w;
    if (w && (!best || w.score > best.score)) best = w;
  }
  if (best && best.score >= MIN_CARRY_SCORE) return best;

  // 3. the quote, searched for only where the passage would stand in the target
  const region = plausibleRegion(v, inOrder, start, end);
  if (region) {
    const r0 = v.dstMap.toUtf16(region.start);
    const r1 = v.dstMap.toUtf16(region.end);
    const text = target.slice(r0, r1);
    const local = reanchor(text, { ...anchor, start: Math.max(0, place - region.start), end: Math.max(0, place - region.start) + (anchor.end - anchor.start) });
    if (local.status !== 'orphaned') {
      const s = region.start + local.start;
      const e = region.start + local.end;
      const exact = target.slice(v.dstMap.toUtf16(s), v.dstMap.toUtf16(e));
      if (exact === anchor.exact) return { status: 'anchored', start: s, end: e, exact, score: 1 };
      const score = wordSimilarity(anchor.exact, exact);
      if (score >= MIN_CARRY_SCORE) return { status: 'moved', start: s, end: e, exact, score: round(score) };
    }
  }
  // 4. a sentence reworded in place (the aligner's pair of one sentence alone between two passages
  // alike on both sides): the mapping through that pair, however low, is a copy to review, not an orphan
  const inPlace = covering.find((g) => inPlacePair(v, inOrder, g));
  const mapped = inPlace && throughSegment(v, alignment.segments, inPlace, start, end, anchor.exact);
  if (mapped && mapped.end > mapped.start) return { ...mapped, status: 'moved' };
  return orphan(anchor, place);
}

/**
 * Whether g is a changed pair of one sentence on each side whose neighbours in the in-order segments
 * are pairs at least THRESHOLDS.versionPair alike on both sides (the place that vouches for it).
 */
function inPlacePair(v: View, inOrder: Segment[], g: Segment): boolean {
  const k = inOrder.indexOf(g);
  if (g.kind !== 'changed' || k <= 0 || k >= inOrder.length - 1) return false;
  const strong = (n: Segment) => (n.kind === 'same' || n.kind === 'changed') && n.score >= THRESHOLDS.versionPair;
  const one = (text: string) => sentencesUtf16(text).length === 1;
  return strong(inOrder[k - 1]!) && strong(inOrder[k + 1]!) && one(v.src(g)!.text) && one(v.dst(g)!.text);
}

function orphan(anchor: StoredAnchor, at: number): Carried {
  return { status: 'orphaned', start: at, end: at, exact: anchor.exact, score: 0 };
}

/** Whether [start, end) holds every word of g's source side (the quote is that sentence, or those, whole). */
function quotesWhole(v: View, g: Segment, start: number, end: number): boolean {
  const s = v.src(g)!;
  if (start < s.start || end > s.end) return false;
  const s0 = v.srcMap.toUtf16(s.start);
  const own = words(v.srcText, s0, s0 + s.text.length);
  return own.length > 0 && v.srcMap.toUtf16(start) <= own[0]!.start && v.srcMap.toUtf16(end) >= own.at(-1)!.end;
}

/**
 * When the quote is the whole source side of a changed segment whose both sides are the opening
 * lines of their texts, and the texts read as versions (`versions`): the target's opening line,
 * scored the better of the word similarity and the pair's. Null otherwise.
 */
function openingLine(v: View, covering: Segment[], start: number, end: number, quote: string, versions: () => boolean): Carried | null {
  for (const g of covering) {
    if (g.kind !== 'changed' || !quotesWhole(v, g, start, end)) continue;
    const s = v.src(g)!;
    const d = v.dst(g)!;
    if (!isOpeningLine(v.srcText, v.srcMap.toUtf16(s.start), s.text) || !isOpeningLine(v.dstText, v.dstMap.toUtf16(d.start), d.text) || !versions()) continue;
    const r = trimToWords(v, d.start, d.end, d.text, quote);
    if (r.end <= r.start) continue;
    return { status: 'moved', start: r.start, end: r.end, exact: r.text, score: round(Math.max(wordSimilarity(quote, r.text), g.score)) };
  }
  return null;
}

/**
 * The clause of g's target side holding all of window w (from a clause mark, or the side's edge,
 * to the next), if it is still at least MIN_CARRY_SCORE like the quote; null when w spans clauses
 * or the clause is too unlike.
 */
function wholeClause(v: View, g: Segment, w: Carried, quote: string): Carried | null {
  const d = v.dst(g)!;
  const d0 = v.dstMap.toUtf16(d.start);
  const clauses = clausesOf(v.dstText, d0, d0 + d.text.length);
  const w0 = v.dstMap.toUtf16(w.start);
  const w1 = v.dstMap.toUtf16(w.end);
  const k = clauses.findIndex((c) => c[0]!.start <= w0 && w1 <= c.at(-1)!.end);
  if (k < 0) return null;
  const from = k === 0 ? d0 : clauses[k]![0]!.start;
  const to = k === clauses.length - 1 ? d0 + d.text.length : closedAfter(v.dstText, clauses[k]!.at(-1)!.end);
  const r = trimToWords(v, v.dstMap.toCodePoint(from), v.dstMap.toCodePoint(to), v.dstText.slice(from, to), quote);
  const score = wordSimilarity(quote, r.text);
  if (r.end <= r.start || score < MIN_CARRY_SCORE) return null;
  return { status: r.text === quote ? 'anchored' : 'moved', start: r.start, end: r.end, exact: r.text, score: r.text === quote ? 1 : round(score) };
}

/** Whether text[u0, u0 + line.length) is the text's first paragraph, a single line of a few words. */
function isOpeningLine(text: string, u0: number, line: string): boolean {
  const u1 = u0 + line.length;
  return text.slice(0, u0).trim() === '' && !line.includes('\n') && /^[^\S\n]*(\n|$)/.test(text.slice(u1, u1 + 200))
    && words(line).length <= MAX_HEADLINE_WORDS;
}

/** The end of a clause cut after the word ending at u: past the closing marks right after it ("(£27,000)", "5%"). */
function closedAfter(text: string, u: number): number {
  while (u < text.length && /[)\]}”’"'%]/.test(text[u]!)) u++;
  return u;
}

/** The words of text[from, to) in clauses: parted by a clause mark between two words (not one inside a number, "4.5"). */
function clausesOf(text: string, from: number, to: number): WordSpan[][] {
  const out: WordSpan[][] = [];
  let prev: WordSpan | null = null;
  for (const w of words(text, from, to)) {
    if (!prev || partsClauses(text, prev.end, w.start)) out.push([]);
    out.at(-1)!.push(w);
    prev = w;
  }
  return out;
}

/** Whether text[a, b), between two words, holds a clause mark that is not inside a number ("4.75", "1,000"). */
function partsClauses(text: string, a: number, b: number): boolean {
  return CLAUSE_MARK.test(text.slice(a, b)) && !(b - a === 1 && DIGIT.test(text[a - 1] ?? '') && DIGIT.test(text[b] ?? ''));
}

/** Counterparts longer than this (words) are not searched word by word. */
const MAX_WINDOW_SEARCH = 400;

/** The run of words in `range` of the target most like the quote (half to twice its length). */
function bestWindow(v: View, quote: string, range: SideRange): Carried | null {
  const q = words(quote).length;
  const u0 = v.dstMap.toUtf16(range.start);
  const ws = words(v.dstText, u0, u0 + range.text.length);
  if (q === 0 || ws.length > MAX_WINDOW_SEARCH) return null;
  let best: Carried | null = null;
  for (let k = 0; k < ws.length; k++) {
    for (let n = Math.max(1, Math.ceil(q / 2)); n <= 2 * q && k + n <= ws.length; n++) {
      const s16 = ws[k]!.start;
      const e16 = ws[k + n - 1]!.end;
      const text = v.dstText.slice(s16, e16);
      const score = wordSimilarity(quote, text);
      if (!best || score > best.score) {
        best = { status: text === quote ? 'anchored' : 'moved', start: v.dstMap.toCodePoint(s16), end: v.dstMap.toCodePoint(e16), exact: text, score: round(score) };
      }
    }
  }
  return best;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The target range answering [start, end) of the source through segment g (and the in-order segments after it, for a passage running on). */
function throughSegment(v: View, all: Segment[], g: Segment, start: number, end: number, exact: string): Carried | null {
  const whole = mapThrough(v, all, g, g, start, end, exact);
  if (!whole || whole.status === 'anchored' || whole.score < MIN_CARRY_SCORE || end > v.src(g)!.end) return whole;
  const own = ownSentence(v, g, start, end);
  if (own === g) return whole;
  const part = mapThrough(v, all, g, own, start, end, exact);
  if (!part || part.score < MIN_CARRY_SCORE) return whole;
  // the sentence's own mapping when it finds more of the quote's words and is nearly as alike
  return quoteRecall(exact, part.exact) > quoteRecall(exact, whole.exact) && part.score >= OWN_SENTENCE_SHARE * whole.score ? part : whole;
}

/** Share of the whole merge's score the mapping through the passage's own sentence must keep to be taken. */
const OWN_SENTENCE_SHARE = 0.75;

/** Share of the quote's content words (counted) that `text` holds. */
function quoteRecall(quote: string, text: string): number {
  const wanted = contentTerms(quote);
  let total = 0;
  for (const n of wanted.values()) total += n;
  let found = 0;
  for (const w of words(text)) {
    const n = wanted.get(w.term) ?? 0;
    if (n > 0) { wanted.set(w.term, n - 1); found++; }
  }
  return total > 0 ? found / total : 0;
}

/** throughSegment with `first` in place of g at the passage's start (g itself, or the passage's own sentence of it). */
function mapThrough(v: View, all: Segment[], g: Segment, first: Segment, start: number, end: number, exact: string): Carried | null {
  const s = v.src(first)!;
  let last = first;
  if (g.kind !== 'moved' && end > v.src(g)!.end) {
    // the passage runs on into the following in-order segments that have a counterpart
    for (let k = all.indexOf(g) + 1; k < all.length; k++) {
      const n = all[k]!;
      if (n.kind === 'moved') continue;
      const ns = v.src(n);
      if (!ns) continue; // only in the target: inside the passage's span there
      if (ns.start >= end) break;
      if (v.dst(n)) last = n;
    }
  }
  const passage = { start: v.srcMap.toUtf16(start), end: v.srcMap.toUtf16(end) };
  const from = mapPoint(v, first, Math.max(start, v.src(first)!.start), 'start', passage);
  const to = mapPoint(v, last, Math.min(end, v.src(last)!.end), 'end', passage);
  if (to <= from) return null;
  const text = v.dstText.slice(v.dstMap.toUtf16(from), v.dstMap.toUtf16(to));
  if (text === exact) return { status: 'anchored', start: from, end: to, exact: text, score: 1 };
  const { start: ts, end: te, text: trimmed } = oneParagraph(v, exact, trimToWords(v, from, to, text, exact));
  if (te <= ts) return null;
  let score = wordSimilarity(exact, trimmed);
  // a short phrase reworded inside one aligned sentence ("released on Sunday" -> "published
  // yesterday") shares no words with its counterpart: the sentence pair vouches for the place.
  // Not for a clause of a third of the sentence or more: that says something else
  // ("have ended without agreement after 90 minutes" -> "will take place this weekend")
  if (score < MIN_CARRY_SCORE && first === last && 3 * (end - start) <= s.end - s.start) score = Math.max(score, first.score);
  return { status: 'moved', start: ts, end: te, exact: trimmed, score: round(score) };
}

/**
 * A passage inside one sentence of a merge (several sentences of a paragraph of the source answered
 * by one passage of the target) may be mapped through the diff of that sentence alone against the target
 * side: the diff of the whole merge may cross the two, matching the words of one sentence to
 * the counterpart of the other ("called Guy's ... Scots" in "winner. The judges called it" ->
 * "The judges called Guy's ... Scots"), and map the passage's edge past the words it begins with.
 */
function ownSentence(v: View, g: Segment, start: number, end: number): Segment {
  const s = v.src(g)!;
  // sentences of one paragraph (a headline joined to the sentence after it is read whole)
  if (s.text.includes('\n')) return g;
  const spans = sentencesUtf16(s.text);
  if (spans.length < 2) return g;
  const s0 = v.srcMap.toUtf16(s.start);
  const u0 = v.srcMap.toUtf16(start) - s0;
  const u1 = v.srcMap.toUtf16(end) - s0;
  const own = spans.find((x) => x.start <= u0 && u1 <= x.end);
  if (!own) return g;
  const range = { start: v.srcMap.toCodePoint(s0 + own.start), end: v.srcMap.toCodePoint(s0 + own.end), text: s.text.slice(own.start, own.end) };
  return { ...g, [v.side]: range };
}

/**
 * Maps code point p of the source, inside g's source range, to the target: an
 * edge of `passage` (UTF-16 range of the source).
 */
function mapPoint(v: View, g: Segment, p: number, edge: 'start' | 'end', passage: { start: number; end: number }): number {
  const s = v.src(g)!;
  const d = v.dst(g)!;
  if (s.text === d.text) return d.start + (p - s.start);
  let parts = v.parts.get(g);
  if (!parts) {
    const s0 = v.srcMap.toUtf16(s.start);
    const d0 = v.dstMap.toUtf16(d.start);
    parts = diffParts(v.srcText, s0, s0 + s.text.length, v.dstText, d0, d0 + d.text.length);
    v.parts.set(g, parts);
  }
  const u = v.srcMap.toUtf16(p);
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (part.op === 'insert') continue;
    const inside = edge === 'start' ? u >= part.a0 && u < part.a1 : u > part.a0 && u <= part.a1;
    if (!inside) continue;
    if (part.op === 'equal') {
      // only punctuation of the passage's edge after (before) words the target adds there
      // ('of Sony' + ', said last year' + '.'): the added words answer nothing in the quote
      const added = edge === 'end' ? parts[k - 1] : parts[k + 1];
      const bare = edge === 'end' ? words(v.srcText, part.a0, u).length === 0 : words(v.srcText, u, part.a1).length === 0;
      const pure = edge === 'start' || parts[k - 2]?.op !== 'delete'; // not the second half of a replacement
      if (bare && pure && added?.op === 'insert' && words(v.dstText, added.b0, added.b1).length > 0) {
        return v.dstMap.toCodePoint(edge === 'end' ? added.b0 : added.b1);
      }
      return v.dstMap.toCodePoint(part.b0 + (u - part.a0));
    }
    // a replaced stretch: the same share of the words that replace it (none: the place where it was)
    const next = parts[k + 1];
    if (next?.op !== 'insert') return v.dstMap.toCodePoint(part.b0);
    // a clause the two sides both have, only elsewhere, is moved, not replaced: leave it out
    const s0 = v.srcMap.toUtf16(s.start);
    const d0 = v.dstMap.toUtf16(d.start);
    const del = withoutMovedClauses(v.srcText, part.a0, part.a1, termsOf(v.dstText, d0, d0 + d.text.length));
    const ins = withoutMovedClauses(v.dstText, next.b0, next.b1, termsOf(v.srcText, s0, s0 + s.text.length));
    if (u < del.from) return v.dstMap.toCodePoint(ins.from);
    if (u > del.to) return v.dstMap.toCodePoint(ins.to);
    const dw = words(v.srcText, del.from, del.to);
    if (dw.length === 0) {
      // only punctuation replaced ('."' -> '," he added.'): the words added answer nothing in the quote
      const iw = words(v.dstText, ins.from, ins.to);
      if (iw.length > 0) return v.dstMap.toCodePoint(edge === 'end' ? iw[0]!.start : iw.at(-1)!.end);
      // punctuation for punctuation (',"' -> '."'): the whole of it
      return v.dstMap.toCodePoint(edge === 'end' ? ins.to : ins.from);
    } else {
      // the passage takes only the tail (head) of the replaced words and runs on past them:
      // its counterpart is the tail (head) of the replacement that answers those words, maybe none
      // (none: the empty run). A passage edge at a clause edge is left to the clause mapping below
      // (", released on Sunday, referring" -> " published yesterday, in reference")
      const partial = edge === 'start' ? u > dw[0]!.start : u < dw.at(-1)!.end;
      const runsPast = edge === 'start' ? passage.end >= dw.at(-1)!.end : passage.start <= dw[0]!.start;
      if (partial && runsPast && (edge === 'end' ? u <= dw[0]!.start : u >= dw.at(-1)!.end)) {
        // the passage takes only punctuation of the stretch (',"' of '," he added.'): the replacement's punctuation there
        const iw = words(v.dstText, ins.from, ins.to);
        return v.dstMap.toCodePoint(edge === 'end' ? (iw[0]?.start ?? ins.to) : (iw.at(-1)?.end ?? ins.from));
      }
      if (partial && runsPast && !clauseEdges(v.srcText, del.from, del.to, edge).includes(u)) {
        const run = edge === 'start' ? answeringRun(v, u, del.to, ins, 'tail') : answeringRun(v, del.from, u, ins, 'head');
        return v.dstMap.toCodePoint(run ?? (edge === 'start' ? ins.to : ins.from));
      }
      // every replaced word is still there ("A senior source" -> "But a senior source"): the words added around them answer nothing
      const kept = partial ? null : keptWordEdge(dw, words(v.dstText, ins.from, ins.to), edge);
      if (kept !== null) return v.dstMap.toCodePoint(kept);
      // one clause replaced by several ('it' -> ', given such high prices, the cartel') and the passage
      // runs on into the text both keep: its counterpart is the clause touching that text
      const runsOn = edge === 'start' ? passage.end > del.to : passage.start < del.from;
      if (!partial && runsOn && clauseEdges(v.srcText, del.from, del.to, edge).length === 1) {
        const theirs = clauseEdges(v.dstText, ins.from, ins.to, edge);
        if (theirs.length > 1) return v.dstMap.toCodePoint(edge === 'start' ? theirs.at(-1)! : theirs[0]!);
      }
    }
    return v.dstMap.toCodePoint(proportional(v, { ...part, a0: del.from, a1: del.to }, { ...next, b0: ins.from, b1: ins.to }, u, edge));
  }
  return edge === 'start' ? d.start : d.end;
}

/**
 * The edge (UTF-16) of the tail (or head) of the inserted words `ins` most like
 * the source's words in [a0, a1): the start of that tail (the end of that head);
 * null when none answers them (no word in common, nor a word of the same stem).
 */
function answeringRun(v: View, a0: number, a1: number, ins: { from: number; to: number }, side: 'tail' | 'head'): number | null {
  const quoted = words(v.srcText, a0, a1);
  const ws = words(v.dstText, ins.from, ins.to);
  let best: number | null = null;
  let bestScore = 0;
  // a run answering the quote's words is at most about twice as long (bounded work on a long replacement)
  for (let n = 1; n <= Math.min(ws.length, 2 * quoted.length + 2); n++) {
    const run = side === 'tail' ? ws.slice(ws.length - n) : ws.slice(0, n);
    const score = runSimilarity(quoted, run);
    // ties go to the shorter run: no extra words
    if (score > bestScore) { bestScore = score; best = side === 'tail' ? run[0]!.start : run.at(-1)!.end; }
  }
  return best;
}

/** Replacements longer than this (words) are not matched word by word. */
const MAX_KEPT_WORDS = 100;

/**
 * When each of the replaced words `dw` is matched by a word of the replacement
 * `iw` (the same term or stem), the edge of the replacement's word matching
 * the first (last) of them; otherwise null.
 */
function keptWordEdge(dw: WordSpan[], iw: WordSpan[], edge: 'start' | 'end'): number | null {
  if (dw.length > MAX_KEPT_WORDS || iw.length > 4 * MAX_KEPT_WORDS) return null;
  const free = iw.map((w) => w.term);
  for (const w of dw) {
    const k = free.findIndex((t) => t === w.term || sameStem(t, w.term));
    if (k < 0) return null;
    free[k] = '';
  }
  const matches = (w: WordSpan, d: WordSpan) => w.term === d.term || sameStem(w.term, d.term);
  if (edge === 'start') return iw.find((w) => matches(w, dw[0]!))!.start;
  return iw.findLast((w) => matches(w, dw.at(-1)!))!.end;
}

/** Dice similarity of two runs of words, a word matching one of the same term or stem ("terror" ~ "terrorist"), stopwords counted lightly. */
function runSimilarity(x: WordSpan[], y: WordSpan[]): number {
  const weight = (t: string) => (STOPWORDS.has(t) ? 0.15 : 1);
  const free = y.map((w) => w.term);
  let common = 0;
  let total = 0;
  for (const w of x) {
    total += weight(w.term);
    const k = free.findIndex((t) => t === w.term) >= 0 ? free.indexOf(w.term) : free.findIndex((t) => sameStem(t, w.term));
    if (k >= 0) { common += weight(w.term); free.splice(k, 1); }
  }
  for (const w of y) total += weight(w.term);
  return total > 0 ? (2 * common) / total : 0;
}

/** Two terms that differ only past a shared stem of 5 letters or more, all of the shorter but its last letter. */
function sameStem(a: string, b: string): boolean {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k >= 5 && k >= Math.min(a.length, b.length) - 1;
}

/**
 * UTF-16 point u inside the deleted stretch `del` mapped into the insertion
 * `ins` that replaces it: a point at a clause edge in the source (after or
 * before a comma, a stop, a stretch edge) goes to the clause edge of `ins` at
 * the nearest relative position; any other point to the same share of words.
 */
function proportional(v: View, del: DiffPart, ins: DiffPart, u: number, edge: 'start' | 'end'): number {
  const edgesFrom = clauseEdges(v.srcText, del.a0, del.a1, edge);
  const edgesTo = clauseEdges(v.dstText, ins.b0, ins.b1, edge);
  if (edgesFrom.includes(u) && edgesTo.length > 0) {
    const share = (u - del.a0) / Math.max(1, del.a1 - del.a0);
    let best = edgesTo[0]!;
    for (const e of edgesTo) {
      if (Math.abs((e - ins.b0) / Math.max(1, ins.b1 - ins.b0) - share) < Math.abs((best - ins.b0) / Math.max(1, ins.b1 - ins.b0) - share)) best = e;
    }
    return best;
  }
  const from = words(v.srcText, del.a0, del.a1);
  const to = words(v.dstText, ins.b0, ins.b1);
  if (to.length === 0 || from.length === 0) return edge === 'start' ? ins.b0 : ins.b1;
  if (edge === 'start') {
    const ks = from.findIndex((w) => w.end > u);
    const kt = Math.floor(((ks < 0 ? from.length : ks) * to.length) / from.length);
    return kt >= to.length ? ins.b1 : to[kt]!.start;
  }
  const ke = from.filter((w) => w.start < u).length;
  const kt = Math.ceil((ke * to.length) / from.length);
  return kt === 0 ? ins.b0 : to[kt - 1]!.end;
}

const CLAUSE_MARK = /[,;:.!?()“”"\n]/;
const DIGIT = /\p{N}/u;
const CLAUSE_SPLIT = /[,;:.!?()“”"\n]+/g;

/** The words of text[from, to) as one string of terms, for finding a clause in it. */
function termsOf(text: string, from: number, to: number): string {
  return ` ${words(text, from, to).map((w) => w.term).join(' ')} `;
}

/** text[from, to) without leading or trailing clauses (two words or more) that `other` (termsOf) also holds. */
function withoutMovedClauses(text: string, from: number, to: number, other: string): { from: number; to: number } {
  const pieces: { from: number; to: number }[] = [];
  let at = from;
  for (const m of text.slice(from, to).matchAll(CLAUSE_SPLIT)) {
    pieces.push({ from: at, to: from + m.index });
    at = from + m.index + m[0].length;
  }
  pieces.push({ from: at, to });
  const spans = pieces.map((p) => words(text, p.from, p.to)).filter((ws) => ws.length > 0);
  const moved = (ws: WordSpan[]) => ws.length >= 2 && other.includes(` ${ws.map((w) => w.term).join(' ')} `);
  let lo = 0;
  let hi = spans.length - 1;
  while (hi > lo && moved(spans[hi]!)) hi--;
  while (lo < hi && moved(spans[lo]!)) lo++;
  if (spans.length === 0) return { from, to };
  return { from: lo === 0 ? from : spans[lo]![0]!.start, to: hi === spans.length - 1 ? to : spans[hi]!.at(-1)!.end };
}

/** Where clauses start (or end) in text[from, to): at a word after (before) a clause mark or the stretch's edge. */
function clauseEdges(text: string, from: number, to: number, edge: 'start' | 'end'): number[] {
  const ws = words(text, from, to);
  const out: number[] = [];
  const marks = (a: number, b: number) => partsClauses(text, a, b);
  ws.forEach((w, k) => {
    if (edge === 'start') {
      if (k === 0 || marks(ws[k - 1]!.end, w.start)) out.push(w.start);
    } else {
      if (k === ws.length - 1 || marks(w.end, ws[k + 1]!.start)) out.push(w.end);
    }
  });
  return out;
}

const PARAGRAPH_BREAK = /\n\s*/g;

/**
 * A counterpart crossing a paragraph break that the quote does not cross (an
 * alignment may join a heading to the sentence after it): only the run of its
 * paragraphs that answers the quote: the one most like it, and each
 * neighbouring one that holds words of the quote the others do not.
 */
function oneParagraph(v: View, quote: string, r: { start: number; end: number; text: string }): { start: number; end: number; text: string } {
  if (quote.includes('\n') || !r.text.includes('\n')) return r;
  const pieces: { from: number; to: number }[] = [];
  let at = 0;
  for (const m of r.text.matchAll(PARAGRAPH_BREAK)) { pieces.push({ from: at, to: m.index }); at = m.index + m[0].length; }
  pieces.push({ from: at, to: r.text.length });
  const scores = pieces.map((p) => wordSimilarity(quote, r.text.slice(p.from, p.to)));
  let lo = scores.indexOf(Math.max(...scores));
  let hi = lo;
  const left = contentTerms(quote);
  const take = (p: { from: number; to: number }) => {
    let added = false;
    for (const w of words(r.text, p.from, p.to)) {
      const n = left.get(w.term) ?? 0;
      if (n > 0) { left.set(w.term, n - 1); added = true; }
    }
    return added;
  };
  take(pieces[lo]!);
  while (lo > 0 && take(pieces[lo - 1]!)) lo--;
  while (hi + 1 < pieces.length && take(pieces[hi + 1]!)) hi++;
  const u0 = v.dstMap.toUtf16(r.start);
  const from = pieces[lo]!.from;
  const to = pieces[hi]!.to;
  return { start: v.dstMap.toCodePoint(u0 + from), end: v.dstMap.toCodePoint(u0 + to), text: r.text.slice(from, to) };
}

/** The quote's words that are not stopwords, counted. */
function contentTerms(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words(text)) if (!STOPWORDS.has(w.term)) m.set(w.term, (m.get(w.term) ?? 0) + 1);
  return m;
}

const SPACE = /\s/;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** Marks that end a clause, not a sentence: a counterpart does not end on one the quote does not end on. */
const SOFT_STOP = /[,;:]/;
const CLOSING = /[,;:.!?)\]}”’»]/;
const STRAIGHT_QUOTE = /["']/;

/**
 * Trims whitespace off a mapped range, and the punctuation before its first
 * word when the quote begins with a word: a start mapped onto a replacement
 * made only of punctuation (',\" ') has no counterpart; and a trailing comma,
 * semicolon or colon the quote does not end with. (Not a sentence's closing
 * marks: they are the counterpart of the sentence's end.)
 */
function trimToWords(v: View, from: number, to: number, text: string, quote: string): { start: number; end: number; text: string } {
  let a = 0;
  let b = text.length;
  const wordFirst = WORD_CHAR.test(quote[0] ?? '');
  // only marks that close or part what went before: an opening quote mark or bracket belongs to what follows
  const closing = (i: number): boolean => CLOSING.test(text[i]!) || (STRAIGHT_QUOTE.test(text[i]!) && (i + 1 >= b || SPACE.test(text[i + 1]!) || closing(i + 1)));
  while (a < b && (SPACE.test(text[a]!) || (wordFirst && closing(a)))) a++;
  const softEnd = !SOFT_STOP.test(quote.at(-1) ?? '');
  while (b > a && (SPACE.test(text[b - 1]!) || (softEnd && SOFT_STOP.test(text[b - 1]!)))) b--;
  const u0 = v.dstMap.toUtf16(from);
  return { start: v.dstMap.toCodePoint(u0 + a), end: v.dstMap.toCodePoint(u0 + b), text: text.slice(a, b) };
}

/** Where in the target a passage starting at source code point p would stand: after the last aligned segment before it. */
function placeInTarget(v: View, inOrder: Segment[], p: number): number {
  let at = 0;
  for (const g of inOrder) {
    const s = v.src(g);
    const d = v.dst(g);
    if (s && s.start > p) break;
    if (d) at = s && p < s.end ? d.start : d.end;
  }
  return at;
}

/** The widest stretch of the target searched for a quote between aligned neighbours (code points). */
const MAX_REGION = 4000;

/**
 * The target text between the counterparts of the aligned segments around
 * [start, end) (not inside them: the words there answer other passages), or null when there is no aligned neighbour to
 * vouch for the place (unrelated texts) or the stretch is too wide to be one place.
 */
function plausibleRegion(v: View, inOrder: Segment[], start: number, end: number): { start: number; end: number } | null {
  let lo = 0;
  let hi = v.dstMap.codePoints;
  let bounded = false;
  for (const g of inOrder) {
    const s = v.src(g);
    const d = v.dst(g);
    if (!s || !d) continue;
    if (s.end <= start) { lo = Math.max(lo, d.end); bounded = true; }
    else if (s.start >= end) { hi = Math.min(hi, d.start); bounded = true; break; }
  }
  return bounded && hi > lo && hi - lo <= MAX_REGION ? { start: lo, end: hi } : null;
}

/** Share of two passages' words in common (Dice over bags of terms, stopwords counted lightly). */
export function wordSimilarity(x: string, y: string): number {
  const bag = (s: string) => {
    const m = new Map<string, number>();
    for (const w of words(s)) m.set(w.term, (m.get(w.term) ?? 0) + 1);
    return m;
  };
  const weight = (t: string) => (STOPWORDS.has(t) ? 0.15 : 1);
  const bx = bag(x);
  const by = bag(y);
  let common = 0;
  let total = 0;
  for (const [t, n] of bx) { total += n * weight(t); common += Math.min(n, by.get(t) ?? 0) * weight(t); }
  for (const [t, n] of by) total += n * weight(t);
  return total > 0 ? (2 * common) / total : 0;
}
