// The codebook as a REFI-QDA codebook exchange file (QDC, namespace
// urn:QDA-XML:codebook:1.0), which NVivo, ATLAS.ti, MAXQDA and QualCoder
// import: one <Code> per tag, nested as the tags nest (`a/b` is code b inside
// code a), its description as <Description>. Validated against the standard's
// Codebook.xsd in test/unit/qdc.test.ts.
import { createHash } from 'node:crypto';
import type { CodebookTag } from '../../common/types.ts';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** Characters XML 1.0 cannot hold at all (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF): dropped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const xmlText = (s: string): string =>
  s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** An attribute value: also quotes, and line breaks and tabs as references (a parser would fold them to spaces). */
export const xmlAttr = (s: string): string =>
  xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

/** A tag's GUID: its id (a UUID); a parent that exists only through its children gets one derived from its name, the same in every export. */
export function tagGuid(tag: Pick<CodebookTag, 'id' | 'name'>): string {
  if (tag.id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tag.id)) return tag.id.toUpperCase();
  const h = createHash('sha256').update(`lectern-tag:${tag.name.toLowerCase()}`).digest('hex');
  // shaped as a version-8 (custom) UUID
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

interface Node { tag: CodebookTag; children: Node[] }

function tree(tags: readonly CodebookTag[]): Node[] {
  const roots: Node[] = [];
  const byName = new Map<string, Node>();
  for (const tag of [...tags].sort((a, b) => a.name.split('/').length - b.name.split('/').length)) {
    const node: Node = { tag, children: [] };
    byName.set(tag.name.toLowerCase(), node);
    const cut = tag.name.lastIndexOf('/');
    const parent = cut > 0 ? byName.get(tag.name.slice(0, cut).toLowerCase()) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byNameOrder = (a: Node, b: Node) => a.tag.name.localeCompare(b.tag.name);
  const sortAll = (nodes: Node[]) => { nodes.sort(byNameOrder); nodes.forEach((n) => sortAll(n.children)); };
  sortAll(roots);
  return roots;
}

function code(node: Node, depth: number): string {
  const pad = '  '.repeat(depth);
  const leaf = node.tag.name.slice(node.tag.name.lastIndexOf('/') + 1);
  const open = `${pad}<Code guid="${tagGuid(node.tag)}" name="${xmlAttr(leaf)}" isCodable="true"`;
  const description = node.tag.description.trim();
  if (!description && node.children.length === 0) return `${open}/>`;
  return [
    `${open}>`,
    ...(description ? [`${pad}  <Description>${xmlText(description)}</Description>`] : []),
    ...node.children.map((c) => code(c, depth + 1)),
    `${pad}</Code>`,
  ].join('\n');
}

/**
 * The QDC document. The schema wants at least one <Code> in <Codes>: an empty
 * codebook cannot be written as a valid file, so the caller refuses it.
 */
export function codebookQdc(tags: readonly CodebookTag[], origin = 'Lectern'): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="${QDC_NAMESPACE}" origin="${xmlAttr(origin)}">`,
    '  <Codes>',
    ...tree(tags).map((n) => code(n, 2)),
    '  </Codes>',
    '</CodeBook>',
    '',
  ].join('\n');
}
