// One file's bytes -> its text and metadata, by what the bytes are (sniffed),
// not by the extension alone: a PDF or a Word document named .txt is read as
// one, an HTML page saved as .txt as a page. The extension decides only
// between text and Markdown, and refuses a container it did not promise
// (a .txt that is a ZIP archive is not guessed at).
import { extname } from 'node:path';
import { importFormat } from '../../../common/import-formats.ts';
import { decodeBytes } from '../decode.ts';
import { decodeHtml } from './html-charset.ts';
import { MAX_HTML_BYTES, readHtml } from './html.ts';
import { looksLikeHtml, sniffContainer } from './sniff.ts';
import { readText } from './text.ts';
import { FormatError, type Extracted } from './types.ts';

export async function readFormat(bytes: Uint8Array, name: string): Promise<Extracted> {
  const expected = importFormat(extname(name)) ?? 'text';
  switch (sniffContainer(bytes)) {
    case 'pdf':
      return (await import('./pdf.ts')).readPdf(bytes, name);
    case 'zip':
      return (await import('./docx.ts')).readDocx(bytes, name);
    case 'ole':
      throw new FormatError('an encrypted Office document or an old Word (.doc) file: only .docx without a password can be read (save it as .docx)');
    case 'text':
      break;
  }
  if (expected === 'docx' || expected === 'pdf') {
    throw new FormatError(`not a ${expected === 'pdf' ? 'PDF' : 'Word (.docx)'} file (its content is text)`);
  }
  if (expected === 'html') return readHtml(bytes, name);
  const decoded = decodeBytes(bytes);
  if (looksLikeHtml(decoded.text)) return readHtml(bytes, name, bytes.length > MAX_HTML_BYTES ? decoded : decodeHtml(bytes, decoded));
  return readText(decoded, name, expected);
}
