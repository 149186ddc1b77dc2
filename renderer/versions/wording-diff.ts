// How another version words a cited passage, read against the cited words:
// one run of text per stretch, marked the way the compare view marks changes
// (struck: only the cited text has it; underlined: only the other version).
import { diffParts } from '../../common/align/word-diff.ts';

export interface WordingRun {
  text: string;
  /** deleted: the cited words the other version lacks; inserted: its words instead; null: both have it. */
  mark: 'deleted' | 'inserted' | null;
}

/** Longest passage (UTF-16 units, each side) diffed word by word; beyond it the other wording is shown whole, unmarked. */
export const MAX_DIFF_CHARS = 20_000;

export function wordingRuns(cited: string, other: string): WordingRun[] {
  if (cited.length > MAX_DIFF_CHARS || other.length > MAX_DIFF_CHARS) return [{ text: other, mark: null }];
  const runs: WordingRun[] = [];
  for (const p of diffParts(cited, 0, cited.length, other, 0, other.length)) {
    const run: WordingRun = p.op === 'delete' ? { text: cited.slice(p.a0, p.a1), mark: 'deleted' }
      : p.op === 'insert' ? { text: other.slice(p.b0, p.b1), mark: 'inserted' }
      : { text: other.slice(p.b0, p.b1), mark: null };
    if (!run.text) continue;
    const last = runs[runs.length - 1];
    if (last && last.mark === run.mark) last.text += run.text;
    else runs.push(run);
  }
  return runs;
}
