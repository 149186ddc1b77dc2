// Versions of a story in a script written without spaces (Chinese, Japanese):
// words are what ICU's dictionaries find, so a reworded sentence aligns as
// changed with its changed words, and two versions are found at import. (Before,
// a clause between punctuation marks was one "word": the pair below was not
// found, and its reworded sentences were onlyA/onlyB.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignTexts } from '../../common/align/align.ts';
import { words } from '../../common/align/words.ts';
import type { ImportResult } from '../../common/types.ts';
import { withApi } from '../helpers/api.ts';

const fixture = (name: string) => new URL(`../fixtures/unspaced/${name}`, import.meta.url).pathname;
const DROUGHT_1 = fixture('drought-1.txt');
const DROUGHT_2 = fixture('drought-2.txt');
const RAIN = fixture('rain.txt');
const idOf = (r: ImportResult, path: string) => r.imported.find((i) => i.path === path)!.id;

test('Chinese and Japanese words are cut by dictionary, Latin words and numbers among them as before', () => {
  assert.deepEqual(words('气象部门表示，持续的高温天气').map((w) => w.term), ['气象', '部门', '表示', '持续', '的', '高温', '天气']);
  assert.deepEqual(words('東京都は月曜日、新しい経済対策を発表しました。').map((w) => w.term).slice(0, 6), ['東京', '都', 'は', '月曜日', '新しい', '経済']);
  assert.deepEqual(words('苹果公司iPhone销量增长4.9%').map((w) => w.term), ['苹果', '公司', 'iphone', '销量', '增长', '4', '9']);
});

test('two versions of a Chinese story are found at import, a same-topic article is not; reworded sentences are changed, with the changed words', () => withApi(async ({ api }) => {
  const r = await api.importPaths([DROUGHT_1, DROUGHT_2, RAIN]);
  assert.deepEqual(r.failed, []);
  // the summary counts dictionary words (146 here; it counted 22, a clause each): the headline 长江流域遭遇罕见干旱 is 4
  const summary = r.imported.find((i) => i.path === DROUGHT_1)!.summary;
  const count = Number(/([\d,]+) words/.exec(summary)![1]!.replace(',', ''));
  assert.ok(count > 120 && count < 200, summary);
  const [d1, d2, rain] = [DROUGHT_1, DROUGHT_2, RAIN].map((p) => idOf(r, p));
  const relations = (await api.listVersions()).relations;
  assert.deepEqual(relations.map((x) => [x.a, x.b, x.kind]), [[d1, d2, 'version']], `the rain report (${rain}) shares no passage`);

  const cmp = await api.compareSources(d1!, d2!);
  const pairOf = (aText: string) => cmp.segments.find((s) => s.a?.text.startsWith(aText));
  const weather = pairOf('气象部门表示，持续的高温天气和降雨偏少是造成干旱的主要原因。')!;
  assert.equal(weather.kind, 'changed');
  assert.equal(weather.a!.text, '气象部门表示，持续的高温天气和降雨偏少是造成干旱的主要原因。');
  assert.equal(weather.b!.text, '气象部门称，持续的高温天气和降水偏少是造成这次干旱的主要原因。');
  const changed = weather.changes.map((c) => [c.a?.text ?? null, c.b?.text ?? null]);
  assert.ok(changed.some(([a, b]) => a === '表示' && b === '称'), JSON.stringify(changed));
  assert.ok(changed.every(([a]) => !a || a.length <= 4), `word-level changes, not the whole sentence: ${JSON.stringify(changed)}`);
  assert.equal(pairOf('专家警告说，干旱可能对秋季粮食收成造成严重影响。')!.kind, 'same');
  assert.equal(pairOf('为了保障居民用水，地方政府启动了应急预案，调集水车向偏远村庄送水。')!.kind, 'onlyA');
  assert.ok(cmp.segments.some((s) => s.kind === 'onlyB' && s.b!.text === '据悉，国家防总已将抗旱应急响应提升至二级。'));
}));

test('a Japanese sentence reworded in its endings aligns as changed with its counterpart', () => {
  const a = '東京都は月曜日、新しい経済対策を発表しました。対策には中小企業への補助金が含まれています。';
  const b = '東京都は月曜日に新たな経済対策を発表した。対策には中小企業への補助金が含まれています。';
  const kinds = alignTexts(a, b).segments.map((s) => [s.kind, s.a?.text, s.b?.text]);
  assert.deepEqual(kinds, [
    ['changed', '東京都は月曜日、新しい経済対策を発表しました。', '東京都は月曜日に新たな経済対策を発表した。'],
    ['same', '対策には中小企業への補助金が含まれています。', '対策には中小企業への補助金が含まれています。'],
  ]);
});
