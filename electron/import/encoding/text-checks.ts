// Tests on decoded text shared by every decoding path.

/** Unassigned code points (and noncharacters): never in real text, common in misread bytes. */
export const UNASSIGNED = /\p{Cn}/u;

/**
 * Stray control characters: C0 controls other than tab, line feed, vertical
 * tab, form feed, carriage return and escape, plus DEL. More than 1% of them
 * (and at least 8) is not a text file.
 */
export function looksBinary(text: string): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c !== 0x1b) || c === 0x7f) n++;
  }
  return n >= 8 && n > text.length / 100;
}

/** A decoding that gives plausible text: no NUL, no unassigned code points, not mostly controls. */
export function cleanText(text: string): boolean {
  return !text.includes('\0') && !looksBinary(text) && !UNASSIGNED.test(text);
}

export function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}
