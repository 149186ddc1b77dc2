// note create, note show, note list, backlinks.
import type { CitationAttrs } from '../../common/citation.ts';
import { CommandError, UsageError, ifFound, stringOption, type Command } from './command.ts';
import { readInputFile } from '../input-file.ts';

const noteCreate: Command = {
  name: 'note create',
  usage: 'lectern note create [--json] --title T [--markdown FILE]',
  summary: 'Create a note, optionally from a Markdown file whose [@ANNOTATION_ID] references become citations.',
  options: { title: { type: 'string' }, markdown: { type: 'string' } },
  positionals: [0, 0],
  async run({ api, values }) {
    const title = stringOption(values, 'title');
    if (title === undefined) throw new UsageError('note create needs --title T');
    const file = stringOption(values, 'markdown');
    let doc: unknown;
    if (file !== undefined) {
      const [{ decodeBytes }, { MAX_MARKDOWN, citationIdsInMarkdown, markdownToNoteDoc }, { citationFor }] = await Promise.all([
        import('../import/decode.ts'), import('../../common/note-from-markdown.ts'), import('../../common/citation.ts'),
      ]);
      const bytes = readInputFile(file, MAX_MARKDOWN, 'Markdown notes');
      // Decoded like an imported source: BOM, UTF-16, legacy encodings.
      const markdown = decodeBytes(bytes).text;
      const known = new Map<string, CitationAttrs>();
      const unknown: string[] = [];
      for (const id of citationIdsInMarkdown(markdown)) {
        const a = await ifFound(api.getAnnotation(id));
        const source = a && await ifFound(api.getSource(a.sourceId));
        if (!a || !source) unknown.push(id);
        else known.set(id, citationFor(source, a.start, a.end, a.id));
      }
      if (unknown.length) {
        throw new CommandError('not-found', `Unknown annotation id${unknown.length > 1 ? 's' : ''} in ${file}: ${unknown.join(', ')}`);
      }
      doc = markdownToNoteDoc(markdown, (id) => known.get(id) ?? null).toJSON();
    }
    const note = await api.createNote({ title, ...(doc === undefined ? {} : { doc }) });
    const { noteCitations } = await import('../../common/note-citations.ts');
    const cited = noteCitations(note.doc).length;
    return { json: { id: note.id }, human: `${note.id}  ${note.title}${cited ? `  [${cited} citations]` : ''}` };
  },
};

const noteShow: Command = {
  name: 'note show',
  usage: 'lectern note show [--json] ID',
  summary: 'Show one note: its plain text and its citations.',
  options: {},
  positionals: [1, 1],
  async run({ api, positionals }) {
    const note = await api.getNote(positionals[0]!);
    const { noteCitations } = await import('../../common/note-citations.ts');
    const citations = noteCitations(note.doc).map((c) => ({
      annotationId: c.annotationId, sourceId: c.sourceId, start: c.start, end: c.end, exact: c.exact,
    }));
    const json = { id: note.id, title: note.title, text: note.text, citations };
    const lines = citations.map((c) => `  [${c.sourceId} ${c.start}-${c.end}${c.annotationId ? ` annotation ${c.annotationId}` : ''}] "${c.exact}"`);
    return { json, human: `${note.title}\nid ${note.id}\n\n${note.text}\n${lines.length ? `\nCitations:\n${lines.join('\n')}` : ''}` };
  },
};

const noteList: Command = {
  name: 'note list',
  usage: 'lectern note list [--json]',
  summary: 'List the notes, most recently modified first.',
  options: {},
  positionals: [0, 0],
  async run({ api }) {
    const notes = (await api.listNotes()).map((n) => ({ id: n.id, title: n.title, modified: n.modified, citationCount: n.citationCount }));
    const human = notes.length === 0 ? 'No notes.'
      : notes.map((n) => `${n.id}  ${n.modified}  ${n.title}  [${n.citationCount} citations]`).join('\n');
    return { json: notes, human };
  },
};

const backlinks: Command = {
  name: 'backlinks',
  usage: 'lectern backlinks [--json] ANNOTATION_OR_SOURCE_ID',
  summary: 'List the notes citing an annotation or a source.',
  options: {},
  positionals: [1, 1],
  async run({ api, positionals }) {
    const id = positionals[0]!;
    const links = (await api.backlinks(id)).map((b) => ({ noteId: b.noteId, title: b.title }));
    // a deleted annotation may still be cited: only an id nothing knows is an error
    if (links.length === 0 && !(await ifFound(api.getAnnotation(id))) && !(await ifFound(api.getSource(id)))) {
      throw new CommandError('not-found', `No annotation or source with id ${id}`);
    }
    const human = links.length === 0 ? 'No notes cite it.' : links.map((b) => `${b.noteId}  ${b.title}`).join('\n');
    return { json: links, human };
  },
};

export const noteCommands: Command[] = [noteCreate, noteShow, noteList, backlinks];
