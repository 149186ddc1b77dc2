// The one definition of paragraph and sentence of a source text, used by the
// reader's paragraphs, citations' ¶N, the source PDF and the aligner.
//
// A paragraph is a maximal run of lines that each hold a non-whitespace
// character; runs are separated by one or more blank lines, where a line of
// only spaces or tabs counts as blank. A single newline stays inside its
// paragraph (the reader shows it as a line break, as the file does). A
// paragraph's range runs from the start of its first line to the end of its
// last line, so indentation and trailing spaces on its lines belong to it and
// nothing between paragraphs but blank lines is left out.
//
// A sentence is an Intl.Segmenter sentence (Unicode UAX #29) inside one
// paragraph, trimmed of surrounding whitespace; a line break always ends one
// (a headline on its own line is a sentence), and a break after a title
// abbreviation ("Mr.", "Dr.") is not kept, as ICU in V8 does not suppress those.
import { OffsetMap } from './offsets.ts';
import { partitionPoint } from './sorted.ts';

/** A half-open range [start, end). */
export interface Span {
  start: number;
  end: number;
}

export interface SentenceSpan extends Span {
  /** 0-based index of the paragraph holding the sentence. */
  paragraph: number;
}

const BLANK_LINE = /^[^\S\n]*$/;

/** Paragraphs as UTF-16 ranges of `text`, in order. */
export function paragraphsUtf16(text: string): Span[] {
  const out: Span[] = [];
  let start = -1; // start of the current paragraph, -1 between paragraphs
  let end = 0; // end of the current paragraph's last line
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (BLANK_LINE.test(text.slice(lineStart, lineEnd))) {
      if (start >= 0) out.push({ start, end });
      start = -1;
    } else {
      if (start < 0) start = lineStart;
      end = lineEnd;
    }
    lineStart = lineEnd + 1;
  }
  if (start >= 0) out.push({ start, end });
  return out;
}

/** Paragraphs as code-point ranges of `text`, in order. */
export function paragraphs(text: string, map: OffsetMap = new OffsetMap(text)): Span[] {
  return paragraphsUtf16(text).map((p) => ({ start: map.toCodePoint(p.start), end: map.toCodePoint(p.end) }));
}

/** Title abbreviations after which a sentence break is not a sentence end. */
const TITLE_BEFORE_BREAK = /(?:^|[\s("“‘'])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev|Hon|Fr|Sr|Jr|St|Mt|Messrs)\.[^\S\n]*$/;
/** Whether a UTF-16 unit is whitespace as /\s/ reads it (WhiteSpace and LineTerminator), without a string per character. */
function isWhitespace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f
    || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
const FULL_STOP = 46;

let segmenter: Intl.Segmenter | null = null;
function sentenceSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  return segmenter;
}

/** Sentences as UTF-16 ranges of `text`, in order, each inside one paragraph. */
export function sentencesUtf16(text: string, paras: Span[] = paragraphsUtf16(text)): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const seg = sentenceSegmenter();
  paras.forEach((p, paragraph) => {
    const body = text.slice(p.start, p.end);
    let pending: Span | null = null; // a sentence cut after a title abbreviation
    for (const s of seg.segment(body)) {
      let a = s.index;
      let b = s.index + s.segment.length;
      while (a < b && isWhitespace(body.charCodeAt(a))) a++;
      while (b > a && isWhitespace(body.charCodeAt(b - 1))) b--;
      if (a === b) continue;
      if (pending) a = pending.start;
      // the abbreviation's full stop is the segment's last character but whitespace (a cheap test first)
      if (body.charCodeAt(b - 1) === FULL_STOP && TITLE_BEFORE_BREAK.test(s.segment) && b < body.length) {
        pending = { start: a, end: b };
        continue;
      }
      pending = null;
      out.push({ start: p.start + a, end: p.start + b, paragraph });
    }
    if (pending) out.push({ start: p.start + pending.start, end: p.start + pending.end, paragraph });
  });
  return out;
}

/** Sentences as code-point ranges of `text`, in order. */
export function sentences(text: string, map: OffsetMap = new OffsetMap(text)): SentenceSpan[] {
  return sentencesUtf16(text).map((s) => ({ start: map.toCodePoint(s.start), end: map.toCodePoint(s.end), paragraph: s.paragraph }));
}

/**
 * Paragraph numbers (1-based, as citations show ¶N) of a source text. Build
 * once per text; each lookup is a binary search.
 */
export class ParagraphIndex {
  /** UTF-16 start of each paragraph, ascending. */
  private readonly starts: number[];
  private readonly map: OffsetMap;

  constructor(text: string, map: OffsetMap = new OffsetMap(text)) {
    this.map = map;
    this.starts = paragraphsUtf16(text).map((p) => p.start);
  }

  get count(): number { return this.starts.length; }

  /** The number of the paragraph holding code point `cp` (a blank gap counts with the paragraph before it, text before the first with the first). */
  numberAt(cp: number): number {
    const at = this.map.toUtf16(Math.max(0, Math.min(cp, this.map.codePoints)));
    return Math.max(1, partitionPoint(this.starts.length, (i) => this.starts[i]! <= at));
  }
}
