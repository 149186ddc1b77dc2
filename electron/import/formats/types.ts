// What reading one file in any format gives the importer.
import { HAS_UNSPACED_LETTER, forEachWord } from '../../../common/align/words.ts';
import type { ImportFormat } from '../../../common/import-formats.ts';
import type { SourceMeta, SourcePage } from '../../../common/types.ts';

export interface Extracted {
  /** The format the bytes were read as (sniffed, so an HTML page named .txt is 'html'). */
  format: ImportFormat;
  /** The text the reader shows and offsets point into: NFC, LF line ends, paragraphs blank-line separated. */
  text: string;
  /** The text encoding the bytes were decoded with ('utf-8' for DOCX; '' for PDF, whose text is not encoded bytes). */
  encoding: string;
  meta: SourceMeta;
  /** PDF: where each page's text starts (code points), in page order; null for other formats. */
  pages: SourcePage[] | null;
  /** What was extracted, for the import summary ("HTML article: 1,240 words; 18 other blocks dropped"). */
  summary: string;
}

/** A file that cannot be read in its format; the message is a plain reason for the user. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

/** A word, as the import summary counts them: letters and digits, joined by an apostrophe, a dot or a hyphen. */
const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/**
 * Words in a text. A regular expression rather than Intl.Segmenter (6x
 * faster over the corpus, within 1% of its count for European languages),
 * except in a run of a script written without spaces (Chinese, Japanese,
 * Thai…): the words ICU's dictionaries find there, as the aligner reads them.
 */
export function countWords(text: string): number {
  let n = 0;
  for (const w of text.match(WORD) ?? []) n += HAS_UNSPACED_LETTER.test(w) ? alignerWords(w) : 1;
  return n;
}

function alignerWords(word: string): number {
  let n = 0;
  forEachWord(word, 0, word.length, () => { n++; });
  return n;
}

/** 1,240 */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;
