// The postings a detection session holds in memory (detect-session.ts): for
// each sampled hash, the sources holding it, and which hashes are stock
// phrases. Up to ~100,000 postings for a corpus import, each added once and
// read by every later lookup; as Maps of arrays that was a Map operation and
// an array per hash, and most of the session's garbage. Here: one
// open-addressing table of typed arrays (hash -> slot) and the postings as
// linked lists in two more (slot -> its last posting -> the one before ...).
// Hashes are kept as signed 32-bit integers (`h | 0`); their low bits are
// zero (one in SAMPLE is kept, features.ts), so slots are taken from the
// bits above them.
import { SAMPLE } from './features.ts';

const EMPTY = -1;
const SHIFT = Math.log2(SAMPLE);

export class HeldPostings {
  private keys = new Int32Array(1 << 12);
  /** Per slot: its last posting (EMPTY: the slot is free), how many it has, whether the hash is a stock phrase. */
  private last = new Int32Array(1 << 12).fill(EMPTY);
  private counts = new Int32Array(1 << 12);
  private stock = new Uint8Array(1 << 12);
  /** Per slot: the batch of its last posting. */
  private batches = new Int32Array(1 << 12);
  private used = 0;
  /** Per posting: its source (the caller's number) and the posting before it in its slot's list (EMPTY at the first). */
  private sources = new Int32Array(1 << 14);
  private before = new Int32Array(1 << 14);
  private postings = 0;

  /** The slot of a hash: where it is, or the free one where it would go. */
  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let s = (key >>> SHIFT) & mask;
    while (this.last[s] !== EMPTY || this.stock[s] === 1) {
      if (this.keys[s] === key) return s;
      s = (s + 1) & mask;
    }
    return s;
  }

  /** The slot of a hash, taken if free. */
  private take(key: number): number {
    if (2 * (this.used + 1) > this.keys.length) this.grow();
    const s = this.slotOf(key);
    if (this.last[s] === EMPTY && this.stock[s] === 0) { this.keys[s] = key; this.used++; }
    return s;
  }

  private grow(): void {
    const { keys, last, counts, stock, batches } = this;
    this.allocate(keys.length * 2);
    for (let s = 0; s < keys.length; s++) {
      if (last[s] === EMPTY && stock[s] === 0) continue;
      const t = this.slotOf(keys[s]!);
      this.keys[t] = keys[s]!;
      this.last[t] = last[s]!;
      this.counts[t] = counts[s]!;
      this.stock[t] = stock[s]!;
      this.batches[t] = batches[s]!;
    }
  }

  private allocate(size: number): void {
    this.keys = new Int32Array(size);
    this.last = new Int32Array(size).fill(EMPTY);
    this.counts = new Int32Array(size);
    this.stock = new Uint8Array(size);
    this.batches = new Int32Array(size);
    this.used = 0;
  }

  /** Whether the hash is listed as a stock phrase. */
  isStock(h: number): boolean {
    const s = this.slotOf(h | 0);
    return this.stock[s] === 1 && this.keys[s] === (h | 0);
  }

  /** Lists the hash as a stock phrase (its postings stay, as the library's do). */
  markStock(h: number): void {
    this.stock[this.take(h | 0)] = 1;
  }

  /** Adds a posting of the hash for `source`, of batch number `batch`; true when it is the hash's first in that batch. */
  add(h: number, source: number, batch: number): boolean {
    const s = this.take(h | 0);
    const first = this.last[s] === EMPTY || this.batches[s] !== batch;
    this.batches[s] = batch;
    if (this.postings === this.sources.length) {
      const grown = (a: Int32Array) => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
      this.sources = grown(this.sources);
      this.before = grown(this.before);
    }
    this.sources[this.postings] = source;
    this.before[this.postings] = this.last[s]!;
    this.last[s] = this.postings++;
    this.counts[s]!++;
    return first;
  }

  /** How many postings the hash has. */
  count(h: number): number {
    const s = this.slotOf(h | 0);
    return this.last[s] !== EMPTY && this.keys[s] === (h | 0) ? this.counts[s]! : 0;
  }

  /** Calls fn with the source of each posting of the hash (latest first). */
  forEach(h: number, fn: (source: number) => void): void {
    const s = this.slotOf(h | 0);
    if (this.keys[s] !== (h | 0)) return;
    for (let p = this.last[s]!; p !== EMPTY; p = this.before[p]!) fn(this.sources[p]!);
  }

  /** Drops the postings; stock phrases stay listed. */
  clearPostings(): void {
    const stock: number[] = [];
    for (let s = 0; s < this.keys.length; s++) if (this.stock[s] === 1) stock.push(this.keys[s]!);
    this.allocate(1 << 12);
    this.postings = 0;
    for (const h of stock) this.markStock(h);
  }
}
