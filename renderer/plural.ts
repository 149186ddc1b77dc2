/** "1 source", "2,095 sources": a count with its noun, in the reader's digits. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
