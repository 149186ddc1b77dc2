// File names are bytes; JavaScript strings are UTF-16. A name that is not
// UTF-8 (a Latin-1 "caf\xe9.txt") would turn into U+FFFD and could no longer be
// opened. As Python's surrogateescape does, each byte that is not part of valid
// UTF-8 is kept as a lone surrogate U+DC80..U+DCFF, so the string round-trips:
// fsPath() gives fs the original bytes back, and JSON keeps the name exactly.

const ESCAPED = /[\uDC80-\uDCFF]/u;

/** Decodes a raw file name (or path) to a string, keeping invalid bytes as U+DC80+byte. */
export function decodeFsName(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let cp = need === 0 ? b : need === 1 ? b & 0x1f : need === 2 ? b & 0x0f : b & 0x07;
    let ok = need >= 0;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    // overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8
    if (ok && ((need === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff)))) ok = false;
    if (ok) {
      out += String.fromCodePoint(cp);
      i += need + 1;
    } else {
      out += String.fromCharCode(0xdc00 + b);
      i += 1;
    }
  }
  return out;
}

/** What to hand to fs for a path: the string itself, or its original bytes when it carries escaped bytes. */
export function fsPath(path: string): string | Buffer {
  if (!ESCAPED.test(path)) return path;
  const parts: Buffer[] = [];
  for (const ch of path) {
    const u = ch.charCodeAt(0);
    parts.push(ch.length === 1 && u >= 0xdc80 && u <= 0xdcff ? Buffer.from([u - 0xdc00]) : Buffer.from(ch, 'utf8'));
  }
  return Buffer.concat(parts);
}

/** A path for people: each escaped byte shown as \xHH. */
export const displayPath = (path: string): string =>
  path.replace(/[\uDC80-\uDCFF]/gu, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).padStart(2, '0')}`);
