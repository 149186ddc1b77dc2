// Descriptive fields read from a source's text, never cut out of it: the text
// stays whole so every offset points into the file as it is. Every field is
// only a first guess; the user can edit them all.

import { decodeHTML } from 'entities';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import MarkdownIt from 'markdown-it';
import type { SourceMeta } from '../../common/types.ts';
import { codePointLength } from '../../common/offsets.ts';
import { importFormat } from '../../common/import-formats.ts';
import { looksLikeHtml } from './formats/sniff.ts';

/** A first line longer than this is a paragraph, not a headline. */
const MAX_FIRST_LINE = 150;
/** A title made from the first sentence is cut to this many code points (ellipsis included). */
const MAX_SENTENCE_TITLE = 100;

/** `date 2024-03-30` at the very start of the text (seed 000 begins so). */
const DATE_MARKER = /^\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*/i;
/** A `Date: …` line among the first lines. */
const DATE_LINE = /^[ \t]*date[ \t]*:[ \t]*(.+?)[ \t]*$/im;
const FRONT_MATTER = /^\uFEFF?---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** How much of an HTML page is searched for its <title> or first <h1>. */
const HTML_HEAD_CHARS = 64 * 1024;
/** A title candidate that begins with a tag, a doctype, a comment or a processing instruction. */
const MARKUP_START = /^<[a-z!?/]/i;

let markdown: ReturnType<typeof MarkdownIt> | undefined;

/**
 * Title, published date, publisher, url and byline of one file.
 * `name` is the file name (with extension): it decides whether Markdown rules
 * apply and is the title of last resort.
 */
export function extractMetadata(text: string, name: string): SourceMeta {
  const ext = extensionOf(name);
  const meta: SourceMeta = { title: '', published: null, publisher: null, url: null, byline: null };

  // 1. Front matter (any file that starts with a `---` block), then the first Markdown heading.
  let body = text;
  const fm = FRONT_MATTER.exec(text);
  if (fm) {
    const fields = parseFrontMatter(fm[1]!);
    if (fields) {
      meta.title = pick(fields, 'title') ?? '';
      meta.published = parseDate(pick(fields, 'date', 'published', 'pubdate', 'publishdate', 'published_at'));
      meta.publisher = pick(fields, 'publisher', 'publication', 'site', 'source', 'outlet');
      meta.url = pick(fields, 'url', 'link', 'source_url', 'canonical_url', 'permalink');
      meta.byline = pick(fields, 'byline', 'author', 'authors', 'by');
      body = text.slice(fm[0].length);
    }
  }
  if (!meta.title && importFormat(ext) === 'markdown') meta.title = firstHeading(body);

  // Published: front matter, else a leading `date YYYY-MM-DD` marker, else a `Date:` line near the top.
  const marker = DATE_MARKER.exec(body);
  if (!meta.published && marker) meta.published = parseDate(marker[1]!);
  if (!meta.published) {
    const head = body.split('\n', 20).join('\n');
    const line = DATE_LINE.exec(head);
    if (line) meta.published = parseDate(line[1]!);
  }

  // A title never starts with markup: an HTML page is titled from its <title> or first <h1>, or else by its file name.
  const html = looksLikeHtml(body);
  if (!meta.title && html) meta.title = htmlTitle(body);
  if (!meta.title && !html) meta.title = titleFromText(marker ? body.slice(marker[0].length) : body);
  if (MARKUP_START.test(meta.title)) meta.title = shorten(plainFromHtml(meta.title), MAX_SENTENCE_TITLE);
  if (!meta.title) meta.title = stripExtension(name);
  return meta;
}

/** Rules 2 and 3: a short first line followed by a blank line, else the first sentence. */
function titleFromText(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  // Leading blank lines and `Date:` lines are not titles.
  while (i < lines.length && (lines[i]!.trim() === '' || /^[ \t]*date[ \t]*:/i.test(lines[i]!))) i++;
  if (i >= lines.length) return '';
  const first = collapse(lines[i]!);
  if (codePointLength(first) <= MAX_FIRST_LINE && i + 1 < lines.length && lines[i + 1]!.trim() === '') {
    return first;
  }
  // The first sentence of the first paragraph.
  const paragraph: string[] = [];
  for (let j = i; j < lines.length && lines[j]!.trim() !== ''; j++) paragraph.push(lines[j]!);
  const para = collapse(paragraph.join(' '));
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const firstSentence = segmenter.segment(para)[Symbol.iterator]().next().value?.segment ?? para;
  return shorten(collapse(firstSentence), MAX_SENTENCE_TITLE);
}

/** Cut at a word boundary to at most `max` code points, ellipsis included. */
export function shorten(text: string, max: number): string {
  if (codePointLength(text) <= max) return text;
  const cps = Array.from(text);
  const room = cps.slice(0, max - 1).join('');
  // The cut is at a word boundary when the next character is a space.
  const atBoundary = /\s/.test(cps[max - 1] ?? '');
  const lastSpace = room.search(/\s\S*$/);
  let cut = atBoundary ? room : lastSpace > 0 ? room.slice(0, lastSpace) : room;
  cut = cut.replace(/[\s,;:\-–—]+$/u, '');
  return cut + '…';
}

function htmlTitle(page: string): string {
  const head = page.slice(0, HTML_HEAD_CHARS);
  for (const element of [/<title\b[^>]*>([\s\S]*?)<\/title>/i, /<h1\b[^>]*>([\s\S]*?)<\/h1>/i]) {
    const m = element.exec(head);
    const title = m ? plainFromHtml(m[1]!) : '';
    if (title) return shorten(title, MAX_SENTENCE_TITLE);
  }
  return '';
}

/** A fragment's text: tags dropped, entities decoded (not an HTML extractor: for a title only). */
function plainFromHtml(fragment: string): string {
  return collapse(decodeHTML(fragment.replace(/<[^>]*>?/g, ' ')));
}

function firstHeading(body: string): string {
  markdown ??= new MarkdownIt();
  const tokens = markdown.parse(body, {});
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type === 'heading_open') {
      const inline = tokens[i + 1];
      const plain = (inline?.children ?? [])
        .map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' ? ' ' : ''))
        .join('');
      const title = collapse(plain);
      if (title) return title;
    }
  }
  return '';
}

type Fields = Record<string, unknown>;

function parseFrontMatter(source: string): Fields | null {
  try {
    // CORE_SCHEMA keeps dates as strings (no Date objects, no time zones).
    const data = loadYaml(source, { schema: CORE_SCHEMA });
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Fields) : null;
  } catch {
    return null;
  }
}

/** The first present key (case-insensitive) as a one-line string; lists are joined with commas. */
function pick(fields: Fields, ...keys: string[]): string | null {
  for (const key of keys) {
    const entry = Object.entries(fields).find(([k]) => k.toLowerCase() === key);
    if (!entry) continue;
    const value = entry[1];
    const parts = (Array.isArray(value) ? value : [value])
      .map((v) => (typeof v === 'string' || typeof v === 'number' ? collapse(String(v)) : ''))
      .filter(Boolean);
    if (parts.length > 0) return parts.join(', ');
  }
  return null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * An ISO date (YYYY-MM-DD) from the usual ways a date is written:
 * 2024-03-30 (also with a time after it), 2024/03/30, 30 March 2024,
 * March 30, 2024, each optionally after a weekday. Null when it is none of
 * these or not a real calendar date.
 */
export function parseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const s = value.trim().replace(/^['"]|['"]$/g, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(s);
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  const rest = s.replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '');
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})\b/i.exec(rest);
  if (m) return isoDate(+m[3]!, monthIndex(m[2]!) + 1, +m[1]!);
  m = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i.exec(rest);
  if (m) return isoDate(+m[3]!, monthIndex(m[1]!) + 1, +m[2]!);
  return null;
}

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length < 3) return -1;
  const i = MONTHS.indexOf(w.slice(0, 3));
  // Accept 'mar', 'march', 'sept' — not arbitrary words that start like a month.
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i];
  return i >= 0 && full && (full.startsWith(w) || w === 'sept') ? i : -1;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

function stripExtension(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
