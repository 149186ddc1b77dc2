// The filtered passages as CSV: one row per passage (RFC 4180: CRLF, fields
// quoted when they hold a comma, quote or line break), UTF-8 with a BOM so
// spreadsheet programs read the encoding, and formula-injection safe: a cell
// starting with = + - @ tab or CR (or their full-width forms) is prefixed
// with ' (csv-stringify's escape_formulas; numbers stay numbers).
import { stringify } from 'csv-stringify/sync';
import type { AnnotationListItem } from '../../common/types.ts';
import { pageLabel } from '../../common/pages.ts';
import type { PageOf } from './passage-pages.ts';

/**
 * source_date: the source's publication date (empty when unknown); annotated: when the passage was annotated (ISO);
 * page: a PDF passage's page in the original file ("p. 3", or the PDF's own label: "p. iv"), empty for other sources;
 * status: anchored, moved (re-anchored elsewhere) or orphaned — an orphan's passage is not in the text, so it has
 * no start, end or page (its last known range is no place to look).
 */
export const PASSAGE_COLUMNS = [
  'source_title', 'source_date', 'annotated', 'sha256', 'start', 'end', 'page', 'status', 'exact', 'comment', 'tags', 'colour',
] as const;

/** A passage's tags in one cell, `a; b/c`. */
export const TAG_SEPARATOR = '; ';

const pageLabelOf = (p: ReturnType<PageOf>) => (p ? pageLabel(p) : '');

const row = (a: AnnotationListItem, pageOf: PageOf) => {
  const orphaned = a.status === 'orphaned';
  return [
    a.sourceTitle, a.sourcePublished ?? '', a.created, a.sourceSha256, orphaned ? '' : a.start, orphaned ? '' : a.end,
    pageLabelOf(pageOf(a)), a.status, a.exact, a.comment, a.tags.join(TAG_SEPARATOR), a.color,
  ];
};

export function passagesCsv(passages: Iterable<AnnotationListItem>, pageOf: PageOf): string {
  const records: unknown[][] = [];
  for (const p of passages) records.push(row(p, pageOf));
  return stringify(records, {
    bom: true, header: true, columns: [...PASSAGE_COLUMNS], record_delimiter: 'windows', escape_formulas: true,
  });
}
