// The small XML parts of a DOCX read beside mammoth: the core properties
// (docProps/core.xml: title, creator, created) and the comments' authors
// (word/comments.xml), which mammoth's HTML does not carry.
import { decodeXML } from 'entities';
import { parseDate } from '../metadata.ts';

export interface CoreProperties {
  title: string | null;
  author: string | null;
  /** ISO date. */
  created: string | null;
}

const element = (xml: string, local: string): string | null => {
  const m = new RegExp(`<(?:[\\w.-]+:)?${local}\\b[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${local}>`).exec(xml);
  const value = m ? decodeXML(m[1]!.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim() : '';
  return value || null;
};

export function coreProperties(xml: string): CoreProperties {
  return { title: element(xml, 'title'), author: element(xml, 'creator'), created: parseDate(element(xml, 'created')) };
}

const attribute = (attrs: string, name: string): string | null => {
  const m = new RegExp(`\\b(?:w:)?${name}="([^"]*)"`).exec(attrs);
  return m ? decodeXML(m[1]!) : null;
};

/** Comment id -> its author (and initials), from word/comments.xml. */
export function commentAuthors(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<w:comment\b([^>]*)>/g)) {
    const id = attribute(m[1]!, 'id');
    const author = attribute(m[1]!, 'author') ?? attribute(m[1]!, 'initials');
    if (id !== null && author) out.set(id, author);
  }
  return out;
}
