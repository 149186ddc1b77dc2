// Plain text and Markdown: the whole decoded file is the text (nothing
// removed, every offset points into the file as it is); metadata is read
// from it (../metadata.ts).
import type { Decoded } from '../decode.ts';
import { extractMetadata } from '../metadata.ts';
import { FORMAT_NAMES, type ImportFormat } from '../../../common/import-formats.ts';
import { FormatError, countWords, plural, type Extracted } from './types.ts';

export function readText(decoded: Decoded, name: string, format: Extract<ImportFormat, 'text' | 'markdown'>): Extracted {
  const { text, encoding } = decoded;
  if (text.length === 0) throw new FormatError('empty file');
  if (text.trim() === '') throw new FormatError('file contains only whitespace');
  return {
    format, text, encoding, meta: extractMetadata(text, name), pages: null,
    summary: `${FORMAT_NAMES[format]} (${encoding}): ${plural(countWords(text), 'word')}`,
  };
}
