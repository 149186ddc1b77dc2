// The bounded part of a file the detector looks at: from DETECT_PREFIX bytes
// starting at the line of the first non-ASCII byte, the lines that hold non-ASCII bytes (ASCII reads alike
// in every candidate, so markup and English boilerplate are skipped), up to
// SAMPLE_BYTES. Lines are cut at LF, which no supported multi-byte encoding
// uses inside a character; an over-long line is cut at a space or control
// byte, which none of them uses either.

export const DETECT_PREFIX = 256 * 1024;
export const SAMPLE_BYTES = 16 * 1024;

export function detectionSample(bytes: Uint8Array): Uint8Array {
  let first = 0;
  while (first < bytes.length && bytes[first]! < 0x80) first++;
  const from = first < bytes.length ? bytes.lastIndexOf(0x0a, first) + 1 : 0;
  const prefix = bytes.subarray(from, from + DETECT_PREFIX);
  if (prefix.length <= SAMPLE_BYTES) return prefix;
  const parts: Uint8Array[] = [];
  let size = 0;
  let start = 0;
  while (start < prefix.length && size < SAMPLE_BYTES) {
    let end = prefix.indexOf(0x0a, start);
    end = end === -1 ? prefix.length : end + 1;
    let line = prefix.subarray(start, end);
    start = end;
    if (!line.some((b) => b >= 0x80)) continue;
    if (size + line.length > SAMPLE_BYTES) line = line.subarray(0, cutPoint(line, SAMPLE_BYTES - size));
    parts.push(line);
    size += line.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The last byte <= 0x20 at or before max (so no character is split), or max when there is none. */
function cutPoint(line: Uint8Array, max: number): number {
  for (let i = max; i > max / 2; i--) if (line[i - 1]! <= 0x20) return i;
  return max;
}
