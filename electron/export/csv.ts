// The filtered passages as CSV: one row per passage (RFC 4180: CRLF, fields
// quoted when they hold a comma, quote or line break), UTF-8 with a BOM so
// spreadsheet programs read the encoding, and formula-injection safe: a cell
// starting with = + - @ tab or CR (or their full-width forms) is prefixed
// with ' (csv-stringify's escape_formulas; numbers stay numbers).
import { stringify } from 'csv-stringify/sync';
import type { AnnotationListItem } from '../../common/types.ts';

/** source_date: the source's publication date (empty when unknown); annotated: when the passage was annotated (ISO). */
export const PASSAGE_COLUMNS = [
  'source_title', 'source_date', 'annotated', 'sha256', 'start', 'end', 'exact', 'comment', 'tags', 'colour',
] as const;

/** A passage's tags in one cell, `a; b/c`. */
export const TAG_SEPARATOR = '; ';

const row = (a: AnnotationListItem) => [
  a.sourceTitle, a.sourcePublished ?? '', a.created, a.sourceSha256, a.start, a.end, a.exact, a.comment, a.tags.join(TAG_SEPARATOR), a.color,
];

export function passagesCsv(passages: Iterable<AnnotationListItem>): string {
  const records: unknown[][] = [];
  for (const p of passages) records.push(row(p));
  return stringify(records, {
    bom: true, header: true, columns: [...PASSAGE_COLUMNS], record_delimiter: 'windows', escape_formulas: true,
  });
}
