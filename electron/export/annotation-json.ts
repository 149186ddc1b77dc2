// Annotation JSON text to a value, with bounded work: the nesting depth is
// checked by a scan before JSON.parse builds anything, so 200,000 nested
// arrays or 50,000 nested refinedBy selectors are refused with a clear error
// instead of costing memory and overflowing the stack of whoever walks them.
import { ApiError } from '../../common/types.ts';

/** Deepest nesting of arrays and objects read in annotation JSON (a W3C collection needs about ten). */
export const MAX_JSON_DEPTH = 64;

export function tooDeep(where: string): ApiError {
  return new ApiError('too-deep', `${where} nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep; Lectern reads annotation JSON up to that depth`);
}

/** UTF-16 offset of the first bracket nested deeper than `max` in JSON text, or -1 (strings are skipped). */
export function deeperThan(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return -1;
}

/** Parses annotation JSON; `name` (a file) is named in the errors. */
export function parseAnnotationJson(text: string, name?: string): unknown {
  const deep = deeperThan(text, MAX_JSON_DEPTH);
  if (deep >= 0) throw tooDeep(`${name ?? 'The annotation JSON'} (at character ${deep})`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError('invalid-json', name ? `${name} is not JSON: ${(e as Error).message}` : `Not JSON: ${(e as Error).message}`);
  }
}
