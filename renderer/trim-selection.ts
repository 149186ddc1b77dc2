// A selection made from the keyboard takes the space before or after a word
// (Ctrl+Shift+arrows): an annotation or citation made from it starts and ends
// at the text, as the reader and the compare view both want.

/** [start, end) (code points) whose text is `exact`, without the white space at its edges. */
export function trimSelection<T extends { start: number; end: number }>(sel: T, exact: string): T & { exact: string } {
  // white space is all in the BMP: UTF-16 units trimmed are code points trimmed
  const lead = exact.length - exact.trimStart().length;
  const trimmed = exact.trim();
  if (!trimmed) return { ...sel, end: sel.start, exact: '' };
  const trail = exact.length - lead - trimmed.length;
  return { ...sel, start: sel.start + lead, end: sel.end - trail, exact: trimmed };
}
