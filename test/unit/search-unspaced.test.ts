// Search in scripts written without spaces (issue 14.3): the indexes hold the
// spaced form of each text (db/fts-text.ts, migration 0023), queries are cut
// the same way, and matches are marked in the stored text. Chinese from
// test/fixtures/unspaced, a Japanese sentence; a library migrated from the old
// schema; a library written by the CLI and the app's store keeps the index
// right (FTS5's own check against the live rows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../../db/store.ts';
import { loadMigrations } from '../../db/migrate.ts';
import { parseSearchQuery } from '../../db/fts-query.ts';
import { findMatches } from '../../db/term-matches.ts';
import { ftsText, spacedText } from '../../db/fts-text.ts';
import { runCli } from '../../electron/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'unspaced');
const DROUGHT = readFileSync(join(FIXTURES, 'drought-1.txt'), 'utf8');
const RAIN = readFileSync(join(FIXTURES, 'rain.txt'), 'utf8');
const TOKYO = '東京都は月曜日、新しい経済対策を発表しました。';

let n = 0;
const source = (store: Store, title: string, text: string) => store.sources.insert({
  title, text, published: null, publisher: null, url: null, byline: null, originalPath: null,
  originalName: `${title}.txt`, sha256: (++n).toString(16).padStart(64, '0'), encoding: 'utf-8', chars: [...text].length,
});

function withStore(fn: (store: Store, dir: string) => void | Promise<void>, migrations = loadMigrations()) {
  return async () => {
    const { dir, cleanup } = tempDir();
    const store = openStore(join(dir, 'lectern.db'), { migrations });
    try { await fn(store, dir); } finally { store.close(); cleanup(); }
  };
}

/** The marked words of a snippet. */
const marked = (snippet: string): string[] => [...snippet.matchAll(/⟦([^⟧]*)⟧/g)].map((m) => m[1]!);

test('the spaced form: ICU words with a space between them; a text without such letters is itself', () => {
  assert.equal(ftsText('长江流域遭遇罕见干旱'), '长江流域 遭遇 罕见 干旱');
  assert.equal(ftsText(TOKYO), '東京 都 は 月曜日 、 新しい 経済 対策 を 発表 しま した 。');
  assert.equal(ftsText('iPhone手机 sales'), 'iPhone 手机 sales', 'a word touching Latin letters is a token of its own');
  const english = 'The Kremlin’s “plan” — 2,000 words… naïve café';
  assert.equal(ftsText(english), english);
  assert.equal(spacedText(english), null);
});

test('search finds Chinese and Japanese words in sources, annotation comments and notes, and marks them in the stored text', withStore((store) => {
  const drought = source(store, '长江流域遭遇罕见干旱', DROUGHT);
  const rain = source(store, '南方暴雨', RAIN);
  const tokyo = source(store, 'Tokyo', TOKYO);
  const start = RAIN.indexOf('降雨');
  const note = store.notes.insert({ title: '笔记', doc: { type: 'doc' }, text: `今年的干旱和${TOKYO}`, citations: [] });
  const annotation = store.annotations.insert({
    sourceId: rain.id, start, end: start + 2, exact: '降雨', prefix: '', suffix: '', color: 'yellow', comment: '这场雨缓解了干旱吗？経済への影響は', tags: [],
  });

  const page = store.searchPage('干旱');
  assert.deepEqual(page.totals.source, { count: 1, exact: true });
  assert.deepEqual(page.totals.annotation, { count: 1, exact: true });
  assert.deepEqual(page.totals.note, { count: 1, exact: true });
  const bySource = page.hits.find((h) => h.kind === 'source')!;
  assert.equal(bySource.id, drought.id);
  assert.ok(marked(bySource.snippet).length > 0 && marked(bySource.snippet).every((w) => w === '干旱'), bySource.snippet);
  // the hit's place is the word in the stored text (code points)
  assert.equal([...DROUGHT].slice(bySource.at!.start, bySource.at!.end).join(''), '干旱');
  assert.equal(page.hits.find((h) => h.kind === 'annotation')!.id, annotation.id);
  assert.deepEqual(marked(page.hits.find((h) => h.kind === 'annotation')!.snippet), ['干旱']);
  assert.equal(page.hits.find((h) => h.kind === 'note')!.id, note.id);
  assert.deepEqual(marked(page.hits.find((h) => h.kind === 'note')!.snippet), ['干旱']);

  // typed without spaces
  const basin = store.search('长江流域');
  assert.deepEqual(basin.map((h) => h.id), [drought.id]);
  assert.ok(marked(basin[0]!.snippet).every((w) => w === '长江流域'), basin[0]!.snippet);

  // Japanese: in a source, an annotation's comment and a note
  const economy = store.searchPage('経済');
  assert.deepEqual(economy.hits.map((h) => h.id).sort(), [tokyo.id, annotation.id, note.id].sort());
  for (const h of economy.hits) assert.deepEqual(marked(h.snippet), ['経済'], h.snippet);

  // a word is a word: a character inside another word, or words apart, do not match
  assert.deepEqual(store.search('旱'), []);
  assert.deepEqual(store.search('"今年长江流域"'), []);
}));

test('a run typed without spaces is the phrase of its words: adjacent in that order', withStore((store) => {
  const drought = source(store, '干旱', DROUGHT);
  source(store, 'apart', '长江流域的水位。今年夏天很热。');
  const terms = parseSearchQuery('长江流域今年');
  assert.deepEqual(terms.map((t) => t.tokens), [['长江流域', '今年']]);
  assert.deepEqual(store.search('长江流域今年').map((h) => h.id), [drought.id]);
  assert.deepEqual(marked(store.search('长江流域今年')[0]!.snippet), ['长江流域今年']);
  // the match's offsets are the stored text's (UTF-16), not the spaced form's
  const text = '据新华社报道，长江流域今年夏天';
  assert.deepEqual(findMatches(text, terms).map((m) => text.slice(m.start, m.end)), ['长江流域今年']);
  assert.deepEqual(findMatches(`𝒳${text}`, parseSearchQuery('新华社')).map((m) => [m.start, m.end]), [[3, 6]]);
}));

test('a library of the old schema holding Chinese text: not found before migration 0023, found after', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'lectern.db');
    const before = openStore(file, { migrations: loadMigrations().filter((m) => m.version < 23) });
    const s = source(before, '长江流域遭遇罕见干旱', DROUGHT);
    const at = DROUGHT.indexOf('最严重的干旱');
    before.annotations.insert({ sourceId: s.id, start: at, end: at + 6, exact: '最严重的干旱', prefix: '', suffix: '', color: 'yellow', comment: '経済の話', tags: [] });
    before.notes.insert({ title: 'Notes', doc: { type: 'doc' }, text: '今年的干旱很严重', citations: [] });
    const english = source(before, 'Drought in China', 'The Yangtze basin had its worst drought in sixty years.');
    // the indexes as a Lectern before 0023 wrote them: from the live rows as they are
    for (const table of ['sources_fts', 'source_titles_fts', 'annotations_fts', 'notes_fts']) before.db.exec(`INSERT INTO ${table}(${table}) VALUES ('rebuild')`);
    assert.deepEqual(before.search('干旱'), [], 'a clause of Han characters was one token');
    assert.deepEqual(before.search('経済'), []);
    before.close();

    const after = openStore(file);
    try {
      assert.equal(after.status().schemaVersion, Math.max(...loadMigrations().map((m) => m.version)));
      const page = after.searchPage('干旱');
      assert.deepEqual([page.totals.source.count, page.totals.annotation.count, page.totals.note.count], [1, 1, 1]);
      assert.equal(after.search('経済').length, 1);
      assert.deepEqual(after.search('drought').map((h) => h.id), [english.id], 'English still found');
      assert.deepEqual(after.check(true).problems, [], 'FTS5 checks every index against its live rows');
    } finally {
      after.close();
    }
  } finally {
    cleanup();
  }
});

test('a library written by the CLI and by the app\'s store keeps every index right', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'lectern.db');
    const cli = async (...args: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(['--db', file, ...args], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, env: {}, isTTY: false });
      assert.equal(code, 0, err);
      return out;
    };
    const path = join(dir, 'drought.txt');
    writeFileSync(path, DROUGHT);
    const imported = JSON.parse(await cli('import', '--json', path)) as { imported: Array<{ id: string }> };
    const id = imported.imported[0]!.id;
    await cli('annotate', id, '--quote', '干旱', '--occurrence', '1', '--comment', '旱情影响经济');
    const md = join(dir, 'note.md');
    writeFileSync(md, '长江流域的干旱');
    await cli('note', 'create', '--title', '干旱笔记', '--markdown', md);
    const found = JSON.parse(await cli('search', '--json', '干旱')) as Array<{ kind: string }>;
    assert.deepEqual(found.map((h) => h.kind).sort(), ['annotation', 'note', 'source']);

    const store = openStore(file);
    try {
      const annotation = store.search('旱情')[0]!;
      store.annotations.update(annotation.id, { comment: '降雨不足' });
      assert.deepEqual(store.search('旱情'), []);
      assert.equal(store.search('降雨').filter((h) => h.kind === 'annotation').length, 1);
      const note = store.search('干旱笔记')[0]!;
      store.notes.update(note.id, { title: '东京', doc: { type: 'doc' }, text: TOKYO, citations: [] });
      assert.equal(store.search('経済')[0]!.id, note.id);
      store.sources.updateMeta(id, { title: '四川缺水' });
      assert.equal(store.search('缺水')[0]!.id, id);
      store.sources.delete(id);
      assert.deepEqual(store.search('干旱'), [], 'trashed with its annotations');
      store.trash.restore([id]);
      assert.equal(store.search('干旱').length, 2, 'the source and its annotation are back');
      assert.deepEqual(store.check(true).problems, []);
      store.sources.delete(id);
      store.trash.purge({ ids: [id] });
    } finally {
      store.close();
    }
    assert.deepEqual(JSON.parse(await cli('search', '--json', '干旱')), []);
    assert.equal((JSON.parse(await cli('search', '--json', '経済')) as unknown[]).length, 1);
    assert.match(await cli('check', '--full'), /ok|no problems/i);
  } finally {
    cleanup();
  }
});
