// A passage moved between two versions is one moved segment: a leftover
// sentence of B paired from A's side was paired again from B's side, so 15 of
// the 110 labelled BBC pairs listed a moved segment twice (pair 25, "Roddick
// into San Jose final", A 327–471 ↔ B 348–471), counted twice in the view's
// differences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { alignTexts } from '../../common/align/align.ts';
import { LABELS } from '../../bench/versions-detection.ts';
import { CORPUS } from '../helpers/tmp.ts';
import { readArticle } from '../helpers/version-pair.ts';

test('no alignment of the labelled BBC pairs lists one segment twice', () => {
  const twice: string[] = [];
  for (const p of LABELS) {
    const seen = new Set<string>();
    for (const s of alignTexts(readArticle(join(CORPUS, p.a)), readArticle(join(CORPUS, p.b))).segments) {
      const key = `${s.kind} ${s.a?.start}-${s.a?.end} ${s.b?.start}-${s.b?.end}`;
      if (seen.has(key)) twice.push(`${p.a}: ${key}`);
      seen.add(key);
    }
  }
  assert.deepEqual(twice, []);
});
