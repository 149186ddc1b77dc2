// Lines of PDF pages in reading order -> paragraphs, and where each page
// begins in the text. A paragraph ends at a wider gap than the lines' usual
// spacing, at a change of font size (a heading), before an indented first
// line, or after a short line that ends a sentence; it runs on across a
// column or page break when the line before is full and unfinished. Words
// hyphenated at a line end are joined ("docu-" + "ment" -> "document") when
// the next line goes on in lower case; other lines are joined by a space.
import { codePointLength } from '../../../common/offsets.ts';
import type { SourcePage } from '../../../common/types.ts';
import { median, type Line } from './pdf-lines.ts';

export interface PageLines {
  page: number;
  label: string | null;
  lines: Line[];
}

const SENTENCE_END = /[.!?:;"”’)\]]$/u;
const HYPHENATED = /[\p{L}][-\u00AD\u2010]$/u;
const STARTS_LOWER = /^\p{Ll}/u;

interface Placed extends Line {
  colLeft: number;
  colRight: number;
  pitch: number;
  /** First line of a column (after a jump back up the page) or of a page. */
  columnStart: boolean;
}

/** Column bounds and line pitch for each line of one page. */
function place(lines: readonly Line[]): Placed[] {
  const columns: Line[][] = [];
  for (const l of lines) {
    const col = columns.at(-1);
    const prev = col?.at(-1);
    // reading order goes down a column; going back up (or far right) starts the next one
    if (!col || !prev || l.y > prev.y + prev.size * 0.5) columns.push([l]);
    else col.push(l);
  }
  const out: Placed[] = [];
  for (const col of columns) {
    const steps = col.slice(1).map((l, i) => col[i]!.y - l.y).filter((d) => d > 0);
    const pitch = median(steps) || median(col.map((l) => l.size)) * 1.2;
    col.forEach((l, i) => {
      // the column's edges as lines of this size reach them (a wide title above does not widen the body's column)
      const alike = col.filter((o) => Math.abs(o.size - l.size) <= 0.15 * l.size);
      const colLeft = Math.min(...alike.map((o) => o.x0));
      const colRight = Math.max(...alike.map((o) => o.x1));
      out.push({ ...l, colLeft, colRight, pitch, columnStart: i === 0 });
    });
  }
  return out;
}

function breaksBefore(prev: Placed, cur: Placed): boolean {
  const em = Math.max(prev.size, cur.size);
  const width = prev.colRight - prev.colLeft;
  const prevFull = prev.x1 >= prev.colRight - 2.5 * prev.size;
  const prevEnds = SENTENCE_END.test(prev.text);
  const prevShort = prev.x1 < prev.colLeft + width * 0.65;
  if (Math.abs(cur.size - prev.size) > 0.15 * em) return true;
  // across a column or page break a paragraph runs on unless the line before ended it (ragged-right lines end short anyway)
  if (cur.columnStart) return prevEnds || prevShort;
  // wider than the usual spacing of lines this size (a heading's lines are further apart than the body's)
  if (prev.y - cur.y > Math.max(cur.pitch, cur.size * 1.2) * 1.3 + 0.5) return true;
  if (cur.x0 > prev.x0 + cur.size && prevFull) return true; // an indented first line
  if (!prevFull && prevEnds) return true;
  // a line ending this short ends its paragraph even without a full stop (a byline, a heading, a list item)
  if (prevShort) return true;
  return false;
}

/** Joins a line onto the paragraph so far; `hyphen`: a word broken at the line end was joined. */
function join(paragraph: string, line: string): { text: string; hyphen: boolean } {
  if ((HYPHENATED.test(paragraph) && STARTS_LOWER.test(line)) || paragraph.endsWith('\u00AD')) {
    return { text: paragraph.slice(0, -1) + line, hyphen: true };
  }
  return { text: `${paragraph} ${line}`, hyphen: false };
}

export function paragraphsOf(pages: readonly PageLines[]): { paragraphs: string[]; pages: SourcePage[]; hyphenationsJoined: number } {
  const paragraphs: string[] = [];
  const starts: SourcePage[] = [];
  let offset = 0; // code points of the text before the current paragraph (paragraphs joined by '\n\n')
  let current = '';
  let prev: Placed | null = null;
  let hyphenationsJoined = 0;
  const closeParagraph = () => {
    if (current === '') return;
    paragraphs.push(current);
    offset += codePointLength(current) + 2;
    current = '';
  };
  for (const page of pages) {
    const placed = place(page.lines);
    placed.forEach((cur, i) => {
      if (i === 0) cur.columnStart = true;
      if (prev && breaksBefore(prev, cur)) closeParagraph();
      if (current === '') current = cur.text;
      else {
        const joined = join(current, cur.text);
        if (joined.hyphen) hyphenationsJoined++;
        current = joined.text;
      }
      // the line's text is the end of the paragraph now: the page begins where it does
      if (i === 0) starts.push({ page: page.page, label: page.label, start: offset + codePointLength(current) - codePointLength(cur.text) });
      prev = cur;
    });
    if (placed.length === 0) starts.push({ page: page.page, label: page.label, start: offset + codePointLength(current) });
  }
  closeParagraph();
  return { paragraphs, pages: starts, hyphenationsJoined };
}
