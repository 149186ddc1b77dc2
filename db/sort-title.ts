// The key a title sorts by in the library (sources.sort_title, an index): case
// and diacritics folded, leading quotes and punctuation dropped ("‘Blair’…"
// sorts under B), runs of digits compared as numbers ("Part 2" before
// "Part 10"). SQLite compares the keys by code point.

/** Digits a number is padded to, so that numbers compare as text in numeric order. */
const NUMBER_WIDTH = 12;

const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  .replace(/\s+/gu, ' ').replace(/^[^\p{L}\p{N}]+/u, '')
  .replace(/\d+/g, (d) => d.replace(/^0+(?=\d)/, '').padStart(NUMBER_WIDTH, '0'));

export const sortTitle = (title: string): string => fold(title).trimEnd();

/** The key a typed prefix must start (a trailing space kept: "the " is not "theatre"). */
export const sortTitlePrefix = (typed: string): string => fold(typed);
