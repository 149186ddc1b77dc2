// Pasted HTML, before ProseMirror parses it into the schema (which is what
// keeps a paste safe: only schema nodes and marks, sanitised links). This pass
// removes what should not even reach an inert parsing document: event-handler
// attributes (Chromium reports a CSP violation for each one it sees), and
// elements whose content is never note text. The schema has no tables, so a
// table becomes one paragraph per row with its cells separated (" | "), header
// cells bold, rather than its cells' text run together.

const DROP_ELEMENTS = /^(script|style|iframe|object|embed|svg|math|template|noscript|frame|frameset|applet|audio|video|canvas|form|input|button|select|textarea|link|meta|base|title|head)$/i;

const TABLE_PARTS = /^(table|caption|thead|tbody|tfoot|tr|td|th|colgroup|col)$/;
/** Blocks inside a cell would split its row: inside a table they are only a space. */
const CELL_BLOCKS = /^(p|div|h[1-6]|ul|ol|li|blockquote|pre|br|hr|section|article|header|footer|dl|dt|dd|figure|figcaption)$/;
const CELL_SEPARATOR = ' | ';

/** Maps a table's tags to paragraphs per row; rows and cells whose end tags HTML lets a page omit are closed here. */
class TableFlattener {
  private depth = 0;
  private rowOpen = false;
  private cells = 0;
  private headerOpen = false;

  /** The HTML a tag becomes, or null for a tag that is no part of a table. */
  tag(name: string, closing: boolean): string | null {
    if (!TABLE_PARTS.test(name)) return this.depth > 0 && CELL_BLOCKS.test(name) ? ' ' : null;
    if (name === 'table') {
      if (closing) { const out = this.depth === 1 ? this.endRow() : ' '; this.depth = Math.max(0, this.depth - 1); return out; }
      this.depth++;
      return this.depth === 1 ? '' : ' ';
    }
    if (this.depth !== 1) return ' '; // a stray part, or a table inside a cell: its text stays, spaced
    if (name === 'tr' || name === 'caption') {
      return closing ? this.endRow() : this.startRow();
    }
    if (name === 'td' || name === 'th') {
      const endHeader = this.endHeader();
      if (closing) return endHeader;
      const open = this.rowOpen ? '' : this.startRow();
      const sep = this.cells++ > 0 ? CELL_SEPARATOR : '';
      this.headerOpen = name === 'th';
      return `${endHeader}${open}${sep}${this.headerOpen ? '<strong>' : ''}`;
    }
    return ''; // thead, tbody, tfoot, colgroup, col
  }

  private startRow(): string {
    const end = this.endRow();
    this.rowOpen = true;
    this.cells = 0;
    return `${end}<p>`;
  }

  private endHeader(): string {
    if (!this.headerOpen) return '';
    this.headerOpen = false;
    return '</strong>';
  }

  private endRow(): string {
    const header = this.endHeader();
    if (!this.rowOpen) return header;
    this.rowOpen = false;
    return `${header}</p>`;
  }
}

/** Rewrites each start tag without on* attributes; drops foreign elements (with their content where they have any). */
export function cleanPastedHtml(html: string): string {
  let out = '';
  let i = 0;
  const n = html.length;
  /** When inside an element being dropped: its name and nesting depth. */
  let dropping: { name: string; depth: number } | null = null;
  const table = new TableFlattener();
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) { if (!dropping) out += html.slice(i); break; }
    if (!dropping) out += html.slice(i, lt);
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][^\s/>]*)/.exec(html.slice(i, i + 200));
    if (!m) {
      if (html[i + 1] === '!' || html[i + 1] === '?') { // doctype, processing instruction
        const end = html.indexOf('>', i);
        i = end < 0 ? n : end + 1;
        continue;
      }
      if (!dropping) out += '&lt;';
      i++;
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    // parse the attributes up to the end of the tag, honouring quotes
    let j = i + m[0].length;
    const attrs: string[] = [];
    let selfClosing = false;
    while (j < n) {
      while (j < n && /[\s/]/.test(html[j]!)) { if (html[j] === '/' && html[j + 1] === '>') selfClosing = true; j++; }
      if (j >= n || html[j] === '>') break;
      const nameStart = j;
      while (j < n && !/[\s/>=]/.test(html[j]!)) j++;
      const attrName = html.slice(nameStart, j);
      let k = j;
      while (k < n && /\s/.test(html[k]!)) k++;
      let value: string | null = null;
      if (html[k] === '=') {
        k++;
        while (k < n && /\s/.test(html[k]!)) k++;
        const q = html[k];
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, k + 1);
          value = html.slice(k, end < 0 ? n : end + 1);
          k = end < 0 ? n : end + 1;
        } else {
          const start = k;
          while (k < n && !/[\s>]/.test(html[k]!)) k++;
          value = html.slice(start, k);
        }
        j = k;
      }
      if (attrName && !/^on/i.test(attrName) && !/^(style|srcdoc|formaction)$/i.test(attrName)) {
        attrs.push(value === null ? attrName : `${attrName}=${value}`);
      }
    }
    i = j < n ? j + 1 : n;
    if (dropping) {
      if (name === dropping.name) {
        if (closing) { if (--dropping.depth === 0) dropping = null; }
        else if (!selfClosing) dropping.depth++;
      }
      continue;
    }
    if (DROP_ELEMENTS.test(name)) {
      const voidish = /^(input|link|meta|base|embed|frame)$/.test(name);
      if (!closing && !selfClosing && !voidish) dropping = { name, depth: 1 };
      continue;
    }
    if (name === 'img') continue; // images are not note content
    const flat = table.tag(name, closing);
    if (flat !== null) { out += flat; continue; }
    out += closing ? `</${name}>` : `<${name}${attrs.length ? ` ${attrs.join(' ')}` : ''}${selfClosing ? ' /' : ''}>`;
  }
  return out;
}
