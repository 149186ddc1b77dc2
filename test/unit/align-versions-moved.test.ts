// In versions of one story, a sentence reworded and moved far away scores
// below what a far move needs among unrelated sentences (0.5); the aligner
// pairs two leftovers that are each other's best counterpart in both whole
// texts from 0.25 when the texts read as versions (alignedAsVersions). These
// four pairs were onlyA / onlyB before, each pair read in both texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { alignTexts, alignedAsVersions } from '../../common/align/align.ts';
import { LABELS } from '../../bench/versions-detection.ts';
import { CORPUS } from '../helpers/tmp.ts';
import { corpusFiles, readArticle, rng } from '../helpers/version-pair.ts';

const read = (path: string) => readArticle(join(CORPUS, path));

const MOVES = [
  ['entertainment/bafta-to-hand-out-movie-honours.txt', 'entertainment/stars-gear-up-for-bafta-ceremony.txt',
    'The Orange British Academy Film Awards will be shown on BBC One at 2010 GMT.',
    'Hosted by Stephen Fry, the glittering ceremony will be broadcast on BBC One at 2010 GMT.'],
  ['business/court-rejects-280bn-tobacco-case.txt', 'business/tobacco-giants-hail-court-ruling.txt',
    'Shares of tobacco companies closed higher after the ruling, with Altria rising 5% and Reynolds showing gains of 4.5%.',
    'They were delighted by the decision, which sent Reynolds shares up 4.5% and Altria shares up 5.11%.'],
  ['tech/first-look-at-playstation-3-chip.txt', 'tech/playstation-3-chip-to-be-unveiled.txt',
    'The three firms claim that the Cell chip will be up to 10 times more powerful than existing processors.',
    'The chip is reported to be up to 10 times faster than current processors.'],
  ['tech/attack-prompts-bush-site-block.txt', 'tech/bush-website-blocked-outside-us.txt',
    'About the same time the web team of the Bush-Cheney campaign started using the services of a company called Akamai that helps websites deal with the ebbs and flows of visitor traffic.',
    'On 21 October, the George W Bush website began using the services of a company called Akamai to ensure that the pages, videos and other content on its site reaches visitors.'],
] as const;

for (const [a, b, x, y] of MOVES) {
  test(`versions ${a} ~ ${b}: the reworded sentence moved far away is paired as moved, both ways`, () => {
    for (const [ta, tb, qa, qb] of [[read(a), read(b), x, y], [read(b), read(a), y, x]] as const) {
      const al = alignTexts(ta, tb);
      assert.ok(alignedAsVersions(al));
      const g = al.segments.find((s) => s.a?.text === qa);
      assert.equal(g?.kind, 'moved', `${qa} is ${g?.kind}`);
      assert.equal(g.b?.text, qb);
      assert.ok(g.score >= 0.25 && g.score < 0.5, `score ${g.score}`);
    }
  });
}

test('the labelled BBC pairs read as versions: every version, no pair that is neither', () => {
  for (const p of LABELS) {
    const versions = alignedAsVersions(alignTexts(read(p.a), read(p.b)));
    if (p.label === 'version') assert.ok(versions, `${p.a} ~ ${p.b}`);
    if (p.label === 'neither') assert.ok(!versions, `${p.a} ~ ${p.b}`);
  }
});

test('an unrelated article on the same topic appended to one version gains no pair from the versions rule', () => {
  // every moved pair below the far-move threshold that lands in the appended article is false
  const files = corpusFiles();
  const rand = rng(11);
  const wrong: string[] = [];
  for (const p of LABELS.filter((l) => l.label === 'version')) {
    const A = read(p.a);
    const B = read(p.b);
    const topic = p.a.split('/')[0]!;
    const same = files.filter((f) => f.includes(`/${topic}/`) && !f.endsWith(p.a) && !f.endsWith(p.b));
    for (let k = 0; k < 3; k++) {
      const C = readArticle(same[Math.floor(rand() * same.length)]!);
      const al = alignTexts(A, `${B}\n\n${C}`);
      const edge = [...B].length;
      for (const g of al.segments) if (g.kind === 'moved' && g.score < 0.5 && g.b!.start >= edge) wrong.push(`${p.a}: ${g.a!.text} -> ${g.b!.text}`);
    }
  }
  assert.deepEqual(wrong, []);
});
