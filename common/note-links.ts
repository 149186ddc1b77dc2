// Which link targets a note may hold: the one check, used by the schema's
// parse and render rules, the Markdown import and the editor's link form.

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'lectern:']);

/**
 * A link target we are willing to keep: http(s), mailto and lectern: URLs only.
 * Returns the trimmed href, or null (javascript:, data:, relative, malformed...).
 */
export function sanitizeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  // Browsers ignore control characters and whitespace inside schemes ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  const cleaned = href.trim().replace(/[\u0000-\u001f\u007f]/g, '');
  if (!cleaned || cleaned.length > 4000) return null;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  if (!m || !SAFE_SCHEMES.has(m[1]!.toLowerCase() + ':')) return null;
  return cleaned;
}
