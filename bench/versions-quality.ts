// The classifier's precision and recall on the labelled BBC pairs alone
// (each pair aligned and classified; no library, no candidate index): the
// quality figures of `npm run bench:versions` in seconds.
// Run: node_modules/.bin/node bench/versions-quality.ts
import { bySample, classifiedKinds, quality } from './versions-detection.ts';

for (const sample of bySample(classifiedKinds())) {
  const q = quality(sample.rows.map((r) => ({ label: r.pair.label, found: r.found })));
  const fmt = (k: 'version' | 'shares') => `${k} precision ${q[k].precision.toFixed(2)} recall ${q[k].recall.toFixed(2)} (${q[k].tp} right, ${q[k].fp} wrongly, ${q[k].fn} missed)`;
  console.log(`${sample.title} (${sample.rows.length}): ${fmt('version')}; ${fmt('shares')}`);
  for (const r of sample.rows.filter((x) => x.found !== x.pair.label)) console.log(`  labelled ${r.pair.label}, found ${r.found}: ${r.pair.a} ~ ${r.pair.b}`);
}
