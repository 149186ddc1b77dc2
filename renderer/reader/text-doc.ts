// A source text as a read-only ProseMirror document, and the mapping between
// ProseMirror positions and code-point offsets of the text. Paragraphs are
// common/segment.ts's (blank or whitespace-only lines separate them); single
// newlines stay inside a paragraph (the paragraph keeps white-space: pre-wrap),
// so every character of a paragraph is one UTF-16 unit of the text and the
// mapping is a binary search over blocks.
// Paragraphs are grouped in chunks of CHUNK_PARAGRAPHS: the browser skips the
// layout of a chunk out of view (content-visibility), and its per-frame work
// over those skipped boxes grows with their number, so a text of 100,000
// paragraphs gives it a few thousand boxes to check each frame, not 100,000.
// UTF-16 <-> code points goes only through common/offsets.ts.
import { Schema, type Node as PMNode } from 'prosemirror-model';
import { OffsetMap } from '../../common/offsets.ts';
import { lastAtMost } from '../../common/sorted.ts';
import { paragraphsUtf16 } from '../../common/segment.ts';

export const readerSchema = new Schema({
  nodes: {
    doc: { content: 'chunk+' },
    chunk: {
      content: 'paragraph+',
      parseDOM: [{ tag: 'div.reader-chunk' }],
      toDOM: () => ['div', { class: 'reader-chunk' }, 0],
    },
    paragraph: {
      content: 'text*',
      whitespace: 'pre',
      parseDOM: [{ tag: 'p', preserveWhitespace: 'full' }],
      toDOM: () => ['p', 0],
    },
    text: {},
  },
});

/** Paragraphs per chunk (see the top of this file). */
export const CHUNK_PARAGRAPHS = 64;

export interface TextDoc {
  doc: PMNode;
  text: string;
  offsets: OffsetMap;
  /** UTF-16 start of each paragraph's text in the source text. */
  blockStart: number[];
  /** ProseMirror position of each paragraph's content start. */
  blockPos: number[];
  /** UTF-16 length of each paragraph. */
  blockLen: number[];
}

export function buildTextDoc(text: string): TextDoc {
  const paras = paragraphsUtf16(text);
  // a text with no paragraph (empty or only blank lines) is shown as one block
  if (paras.length === 0) paras.push({ start: 0, end: text.length });
  const blockStart = paras.map((p) => p.start);
  const blockLen = paras.map((p) => p.end - p.start);
  const blockPos: number[] = [];
  const chunks: PMNode[] = [];
  let pos = 0;
  for (let first = 0; first < blockStart.length; first += CHUNK_PARAGRAPHS) {
    pos += 1; // the chunk's opening
    const paragraphs: PMNode[] = [];
    for (let i = first; i < Math.min(blockStart.length, first + CHUNK_PARAGRAPHS); i++) {
      blockPos.push(pos + 1);
      pos += blockLen[i]! + 2;
      const slice = text.slice(blockStart[i], blockStart[i]! + blockLen[i]!);
      paragraphs.push(readerSchema.node('paragraph', null, slice ? [readerSchema.text(slice)] : []));
    }
    chunks.push(readerSchema.node('chunk', null, paragraphs));
    pos += 1; // its closing
  }
  return { doc: readerSchema.node('doc', null, chunks), text, offsets: new OffsetMap(text), blockStart, blockPos, blockLen };
}


/** ProseMirror position -> UTF-16 offset of the text (positions between paragraphs snap to the nearer edge). */
export function posToUtf16(td: TextDoc, pos: number): number {
  const i = lastAtMost(td.blockPos, pos);
  const within = Math.max(0, Math.min(td.blockLen[i]!, pos - td.blockPos[i]!));
  return td.blockStart[i]! + within;
}

/** UTF-16 offset -> ProseMirror position (offsets in a blank-line gap snap to the next paragraph). */
export function utf16ToPos(td: TextDoc, u: number): number {
  const i = lastAtMost(td.blockStart, u);
  const rel = u - td.blockStart[i]!;
  if (rel <= td.blockLen[i]!) return td.blockPos[i]! + Math.max(0, rel);
  const next = Math.min(i + 1, td.blockPos.length - 1);
  return next === i ? td.blockPos[i]! + td.blockLen[i]! : td.blockPos[next]!;
}

export const posToCodePoint = (td: TextDoc, pos: number): number => td.offsets.toCodePoint(posToUtf16(td, pos));
export const codePointToPos = (td: TextDoc, cp: number): number => utf16ToPos(td, td.offsets.toUtf16(cp));
