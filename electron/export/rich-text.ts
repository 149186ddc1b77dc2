// Rich text for the PDF flow: runs of text in several fonts, sizes and colours
// (with links, internal links, underline, raised markers and forced breaks)
// measured into words, broken into lines, and each line made a box (flow.ts).
import type { Rgb } from './colors.ts';
import { segments, type MeasuredFont } from './layout.ts';
import type { Box, Mark } from './flow.ts';

export interface Run {
  text: string;
  font: MeasuredFont;
  size: number;
  color: Rgb;
  url?: string;
  /** A named destination the run links to. */
  dest?: string;
  /** Raised above the baseline by this many points (citation markers). */
  raise?: number;
  underline?: boolean;
  /** A forced line break after this run (hard_break). */
  br?: boolean;
}

/** A measured word of a run: a segment (see segments()) with its width and its width without trailing spaces. */
interface Word { run: Run; text: string; width: number; visible: number; br: boolean }

/** Baseline of a rich line within its box, as a share of the leading. */
const BASELINE_SHARE = 0.72;

function measure(runs: Run[]): Word[] {
  const words: Word[] = [];
  for (const run of runs) {
    const segs = segments(run.text);
    segs.forEach((seg, i) => {
      const width = run.font.width(seg, run.size);
      const visible = run.font.width(seg.trimEnd(), run.size);
      words.push({ run, text: seg, width, visible, br: Boolean(run.br) && i === segs.length - 1 });
    });
    if (segs.length === 0 && run.br) words.push({ run, text: '', width: 0, visible: 0, br: true });
  }
  return words;
}

/** Greedy line breaking between words (a word never breaks). */
function breakLines(words: Word[], width: number): Word[][] {
  const lines: Word[][] = [];
  let line: Word[] = [];
  let w = 0;
  for (const t of words) {
    if (line.length > 0 && w + t.visible > width) {
      lines.push(line);
      line = [];
      w = 0;
    }
    line.push(t);
    w += t.width;
    if (t.br) {
      lines.push(line);
      line = [];
      w = 0;
    }
  }
  if (line.length) lines.push(line);
  return lines;
}

/** The marks of one line: neighbouring words of one run are drawn as one fragment. */
function lineMarks(line: Word[], x0: number, baseline: number): Mark[] {
  const marks: Mark[] = [];
  let x = x0;
  let i = 0;
  while (i < line.length) {
    const run = line[i]!.run;
    let text = '';
    let fw = 0;
    while (i < line.length && line[i]!.run === run) { text += line[i]!.text; fw += line[i]!.width; i++; }
    const vis = run.font.width(text.trimEnd(), run.size);
    const raise = run.raise ?? 0;
    marks.push({ kind: 'text', text, x, baseline: baseline - raise, font: run.font, size: run.size, color: run.color });
    if (vis > 0) {
      if (run.underline) marks.push({ kind: 'stroke', x1: x, y1: baseline + 1.5, x2: x + vis, y2: baseline + 1.5, width: 0.5, color: run.color });
      if (run.url) marks.push({ kind: 'uri', x, y: baseline - run.size, w: vis, h: run.size * 1.3, url: run.url });
      if (run.dest) marks.push({ kind: 'goto', x: x - 1, y: baseline - raise - run.size, w: vis + 2, h: run.size * 1.4, dest: run.dest });
    }
    x += fw;
  }
  return marks;
}

/** Runs laid out from `x` within `width`: one box of `leading` points per line. */
export function richBoxes(runs: Run[], x: number, width: number, leading: number): Box[] {
  const baseline = leading * BASELINE_SHARE;
  return breakLines(measure(runs), width).map((line) => ({ height: leading, keep: leading, marks: lineMarks(line, x, baseline) }));
}
