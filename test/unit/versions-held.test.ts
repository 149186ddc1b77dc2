// The detection session's in-memory postings (held-postings.ts) and the
// sorted postings a flush writes (sortedPostings) against plain models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortedPostings } from '../../db/version-index.ts';
import { HeldPostings } from '../../electron/versions/held-postings.ts';
import { rng } from '../helpers/version-pair.ts';

test('held postings answer as a map of lists: counts, sources, stock phrases, first posting of a batch; through growth and clearing', () => {
  const rand = rng(11);
  const held = new HeldPostings();
  const model = new Map<number, number[]>();
  const stock = new Set<number>();
  const batchOf = new Map<number, number>();
  // sampled hashes are multiples of 8, 0 and values past 2^31 among them
  const hashes = [0, 8, 2 ** 32 - 8, 2 ** 31, ...Array.from({ length: 20_000 }, () => Math.floor(rand() * 2 ** 29) * 8)];
  for (let batch = 0; batch < 40; batch++) {
    for (let k = 0; k < 1500; k++) {
      const h = hashes[Math.floor(rand() * hashes.length)]!;
      const source = batch * 1000 + k;
      const first = !model.has(h) || batchOf.get(h) !== batch;
      assert.equal(held.add(h, source, batch), first);
      batchOf.set(h, batch);
      if (model.has(h)) model.get(h)!.push(source); else model.set(h, [source]);
    }
    for (let k = 0; k < 20; k++) {
      const h = hashes[Math.floor(rand() * hashes.length)]!;
      held.markStock(h);
      stock.add(h);
    }
    if (batch === 25) {
      held.clearPostings();
      model.clear();
      batchOf.clear();
    }
    for (const h of hashes.slice(0, 3000)) {
      assert.equal(held.count(h), model.get(h)?.length ?? 0, `count of ${h}`);
      assert.equal(held.isStock(h), stock.has(h), `stock ${h}`);
      const seen: number[] = [];
      held.forEach(h, (s) => seen.push(s));
      assert.deepEqual(seen.reverse(), model.get(h) ?? []);
    }
  }
  assert.equal(held.count(16), model.get(16)?.length ?? 0);
});

test('sortedPostings: (hash, seq) pairs sorted by hash then seq, seqs in any order and large', () => {
  const rand = rng(12);
  const entries = Array.from({ length: 300 }, (_, k) => ({
    seq: k % 3 === 0 ? 2 ** 40 + k : Math.floor(rand() * 1e9),
    posted: Array.from(new Set(Array.from({ length: 40 }, () => Math.floor(rand() * 32) * 2 ** 26 + (k % 2 ? 8 : 2 ** 31)))), // 32-bit unsigned
  }));
  const expected = entries.flatMap((e) => e.posted.map((h) => [h, e.seq] as const))
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]).flat();
  assert.deepEqual(sortedPostings(entries), expected);
});
