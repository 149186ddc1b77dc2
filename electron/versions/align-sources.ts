// Aligning two stored sources: the one place that bounds the work (a text
// over MAX_ALIGN_CHARS is refused, not aligned for minutes).
import { alignTexts } from '../../common/align/align.ts';
import type { Alignment } from '../../common/align/types.ts';
import { ApiError, type Source } from '../../common/types.ts';

/**
 * The longest text aligned (UTF-16 code units): alignment is about linear, ~0.5 s a
 * megabyte here (npm run bench:versions), so a pair at the limit takes a few seconds.
 */
export const MAX_ALIGN_CHARS = 5_000_000;

/** Why a text is not aligned, or null when it may be: "5.5 million characters; the limit is 5 million". */
export const tooLargeToAlign = (text: string): string | null =>
  (text.length > MAX_ALIGN_CHARS ? `${(text.length / 1e6).toFixed(1)} million characters; the limit is ${MAX_ALIGN_CHARS / 1e6} million` : null);

/** Whether both texts are within the alignment limit. */
export const alignable = (a: { text: string }, b: { text: string }): boolean =>
  a.text.length <= MAX_ALIGN_CHARS && b.text.length <= MAX_ALIGN_CHARS;

/** Aligns a with b; a clear error when the two are one source or either is too large. */
export function alignSources(a: Source, b: Source): Alignment {
  if (a.id === b.id) throw new ApiError('same-source', `Both sides are the same source (${a.id}); choose two different sources`);
  for (const s of [a, b]) {
    const why = tooLargeToAlign(s.text);
    if (why) throw new ApiError('too-large', `Source ${s.id} ("${s.title}") is too large to align (${why})`);
  }
  return alignTexts(a.text, b.text);
}
