// The compare view's rows of two sources (API comparisonRows), built here where
// both texts and their cached alignment are, and sent a page at a time
// without their text (common/comparison-page.ts).
import { outlineOf } from '../../common/compare-rows.ts';
import { packRows, reach, type ComparisonPage, type ComparisonPageRequest } from '../../common/comparison-page.ts';
import { sliceCodePoints } from '../../common/offsets.ts';
import type { Id, Source } from '../../common/types.ts';
import type { Store } from '../../db/store.ts';
import { found } from '../found.ts';
import type { AlignmentCache } from './alignment-cache.ts';

const withoutText = ({ text: _text, ...rest }: Source) => rest;

export function comparisonPage(store: Store, cache: AlignmentCache, a: Id, b: Id, page: ComparisonPageRequest): ComparisonPage {
  const x = found(store.sources.get(a), 'source', a);
  const y = found(store.sources.get(b), 'source', b);
  const { alignment, rows } = cache.rows(x, y);
  const start = Math.min(page.start, rows.length);
  const out = rows.slice(start, start + page.count).map(outlineOf);
  const to = reach(out);
  return {
    a: withoutText(x), b: withoutText(y),
    similarity: alignment.similarity, aInB: alignment.aInB, bInA: alignment.bInA,
    total: rows.length, start, rows: packRows(out),
    text: page.withText ? { a: sliceCodePoints(x.text, 0, to.a), b: sliceCodePoints(y.text, 0, to.b) } : null,
  };
}
