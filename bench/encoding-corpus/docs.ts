// The held-out documents of the encoding corpus, as stored in text/<lang>.txt:
// each document starts with a header line `##### <id> | <origins>` and runs
// to the next header. UTF-8, NFC, LF line ends.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DOC_HEADER = '#####';
export const TEXT_DIR = join(import.meta.dirname, 'text');

export interface CorpusDoc {
  id: string;
  /** Files on the Debian system the text came from (with package and licence in the stored header). */
  origins: string[];
  text: string;
}

export function readDocs(code: string): CorpusDoc[] {
  const raw = readFileSync(join(TEXT_DIR, `${code}.txt`), 'utf8');
  const docs: CorpusDoc[] = [];
  for (const chunk of raw.split(new RegExp(`^${DOC_HEADER} `, 'm')).slice(1)) {
    const nl = chunk.indexOf('\n');
    const [id, origins] = chunk.slice(0, nl).split(' | ');
    docs.push({ id: id!, origins: (origins ?? '').split('; '), text: chunk.slice(nl + 1) });
  }
  return docs;
}
