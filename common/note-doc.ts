// A note doc as stored (ProseMirror JSON), read without the schema: its
// shape, an empty doc, and its plain text (for search).

/** A ProseMirror node as JSON (what notes store). */
export interface PmJson {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: PmJson[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

const BLOCK_BREAK = new Set(['paragraph', 'heading', 'blockquote', 'list_item', 'code_block', 'quote', 'horizontal_rule']);

export function isPmJson(value: unknown): value is PmJson {
  return typeof value === 'object' && value !== null && typeof (value as PmJson).type === 'string';
}

export function emptyNoteDoc(): PmJson {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** Plain text of a note doc: blocks separated by newlines, each citation as its quoted passage in quotation marks. */
export function noteText(doc: unknown): string {
  const out: string[] = [];
  const walk = (node: PmJson): void => {
    if (node.type === 'text') out.push(node.text ?? '');
    else if (node.type === 'hard_break') out.push('\n');
    // A citation reads as its quotation marks around the quoted passage.
    else if (node.type === 'citation') out.push(`“${String(node.attrs?.exact ?? '')}”`);
    for (const child of node.content ?? []) walk(child);
    if (BLOCK_BREAK.has(node.type)) out.push('\n');
  };
  if (isPmJson(doc)) walk(doc);
  return out.join('').replace(/\n{2,}/g, '\n').trim();
}
