// A DOM subtree -> the text Lectern stores: one paragraph per block (heading,
// paragraph, list item, quote, table row, preformatted block), paragraphs
// separated by one blank line (the paragraph of common/segment.ts), white
// space collapsed as a browser renders it, <br> a line break inside its
// paragraph. List items are marked "• " (or "1. " in an ordered list), the
// only characters added. Scripts, styles, forms and hidden elements give nothing.

/** Elements whose content never reaches the text. */
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'IFRAME', 'OBJECT', 'EMBED',
  'SVG', 'MATH', 'CANVAS', 'VIDEO', 'AUDIO', 'SELECT', 'TEXTAREA', 'BUTTON', 'INPUT', 'FORM', 'DIALOG']);

/** Elements that end the paragraph before them and start a new one. */
const BLOCKS = new Set(['ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'CAPTION', 'CENTER', 'BODY', 'HTML']);

const CELLS = new Set(['TD', 'TH']);

/** Text blocks of a DOM subtree, in document order. */
export function blocksOf(root: Node): string[] {
  const blocks: string[] = [];
  let line = ''; // the current paragraph, collapsed; '\n' where a <br> stood
  const flush = () => {
    // text nodes arrive with their white space collapsed to spaces; tabs here are table-cell separators
    const text = line.split('\n').map((l) => l.replace(/ *\t */g, '\t').replace(/ {2,}/g, ' ').replace(/^[ \t]+|[ \t]+$/g, ''))
      .filter((l) => l !== '').join('\n');
    if (text !== '') blocks.push(text);
    line = '';
  };

  const walk = (node: Node, listIndex: { n: number } | null): void => {
    if (node.nodeType === 3) { // text
      line += (node.nodeValue ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return; // comments, processing instructions
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIPPED.has(tag) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return;
    if (tag === 'BR') { line += '\n'; return; }
    if (tag === 'PRE') {
      flush();
      // preformatted lines stay as they are; a blank line inside would split the paragraph, so it goes
      const text = (el.textContent ?? '').replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim() !== '').join('\n');
      if (text.trim() !== '') blocks.push(text.replace(/\s+$/, ''));
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    if (tag === 'LI') line += listIndex ? `${++listIndex.n}. ` : '• ';
    if (CELLS.has(tag) && line.trim() !== '') line += '\t';
    const childList = tag === 'OL' ? { n: Number(el.getAttribute('start') ?? 1) - 1 } : tag === 'UL' ? null : listIndex;
    for (const child of Array.from(el.childNodes)) walk(child, childList);
    if (block) flush();
  };
  walk(root, null);
  flush();
  return blocks;
}

/** The stored text of some blocks: NFC, one blank line between paragraphs. */
export const joinBlocks = (blocks: readonly string[]): string => blocks.join('\n\n').normalize('NFC');
