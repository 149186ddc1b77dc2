// What a web page says about itself: title, byline, published date, publisher
// and canonical URL, from (in this order of trust) JSON-LD NewsArticle/Article
// data, Open Graph and article:* properties, <meta name=author/date>,
// <link rel=canonical>, and the "saved from url=" comment browsers write when
// they save a page. Only the page's own markup is read: nothing is fetched.
import { parseDate } from '../metadata.ts';

export interface PageMeta {
  title: string | null;
  byline: string | null;
  published: string | null;
  publisher: string | null;
  url: string | null;
}

/** How much JSON-LD is parsed (each script); real article data is a few kilobytes. */
const MAX_JSON_LD = 512 * 1024;
const ARTICLE_TYPES = /^(?:NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|Article|BlogPosting|ScholarlyArticle|Report|TechArticle|WebPage)$/;

type Json = Record<string, unknown>;

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const str = (v: unknown): string | null => (typeof v === 'string' && collapse(v) !== '' ? collapse(v) : null);

/** A name or a list of names (JSON-LD Person/Organization objects or strings), comma-joined. */
function names(v: unknown): string | null {
  const list = (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'object' && x !== null ? str((x as Json).name) : str(x)));
  const kept = list.filter((x): x is string => x !== null && !/^https?:\/\//.test(x));
  return kept.length > 0 ? [...new Set(kept)].join(', ') : null;
}

/** Every object of a JSON-LD document, @graph and arrays flattened. */
function jsonLdObjects(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) { for (const x of v.slice(0, 100)) visit(x, depth + 1); return; }
    out.push(v as Json);
    if ('@graph' in v) visit((v as Json)['@graph'], depth + 1);
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_LD) continue;
    try { visit(JSON.parse(text), 0); } catch { /* a broken block is skipped, as browsers and search engines do */ }
  }
  return out;
}

const isArticle = (o: Json) => (Array.isArray(o['@type']) ? o['@type'] : [o['@type']]).some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t));

function meta(doc: Document, ...keys: string[]): string | null {
  for (const key of keys) {
    for (const el of Array.from(doc.querySelectorAll('meta'))) {
      const k = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').toLowerCase();
      const value = str(el.getAttribute('content'));
      if (k === key && value) return value;
    }
  }
  return null;
}

const httpUrl = (v: string | null): string | null => (v && /^https?:\/\/[^\s]+$/i.test(v) ? v : null);

/** The URL a browser's "Save page as" records: <!-- saved from url=(0042)https://… --> near the start. */
function savedFromUrl(html: string): string | null {
  const m = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096));
  return httpUrl(m?.[1] ?? null);
}

/** The page's own description of itself (before any extraction changes the DOM). */
export function pageMetadata(doc: Document, html: string): PageMeta {
  const ld = jsonLdObjects(doc).filter(isArticle);
  const article = ld.find((o) => o['@type'] !== 'WebPage') ?? ld[0] ?? {};
  const mainEntity = article.mainEntityOfPage;
  const ldUrl = str(article.url) ?? str(typeof mainEntity === 'object' && mainEntity !== null ? (mainEntity as Json)['@id'] : mainEntity);
  const canonical = doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? null;
  const timeEl = doc.querySelector('article time[datetime], time[datetime][pubdate], time.published[datetime]');
  const byline = names(article.author) ?? names(article.creator)
    ?? meta(doc, 'author', 'article:author', 'dc.creator', 'byl', 'parsely-author', 'sailthru.author')?.replace(/^by\s+/i, '') ?? null;
  return {
    title: str(article.headline) ?? meta(doc, 'og:title', 'twitter:title', 'dc.title') ?? null,
    byline: byline && !/^https?:\/\//.test(byline) ? byline : null,
    published: parseDate(str(article.datePublished) ?? meta(doc, 'article:published_time', 'datepublished', 'date', 'pubdate',
      'publish-date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date')
      ?? timeEl?.getAttribute('datetime') ?? null),
    publisher: names(article.publisher) ?? meta(doc, 'og:site_name', 'application-name', 'dc.publisher') ?? null,
    url: httpUrl(canonical) ?? httpUrl(meta(doc, 'og:url')) ?? httpUrl(ldUrl) ?? savedFromUrl(html),
  };
}
