// A detection session (the worker's, for a large import) finds what
// detectVersions finds batch by batch and leaves the same rows: the same
// candidate index (postings, signatures, stock phrases) and relations, with
// sources in the library before it or none, batches held in memory, and
// flushes in between.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openStore, type Store } from '../../db/store.ts';
import { COMMON } from '../../db/version-index.ts';
import { detectVersions } from '../../electron/versions/detect.ts';
import { createDetectionSession } from '../../electron/versions/detect-session.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';
import { readArticle, rng } from '../helpers/version-pair.ts';

const BATCH = 20;

/** Business articles (related stories among them), most with the same boilerplate paragraph: a stock phrase once in more than COMMON. */
function texts(): { title: string; text: string }[] {
  const rand = rng(5);
  const boiler = Array.from({ length: 40 }, () => `w${Math.floor(rand() * 50_000).toString(36)}`).join(' ');
  const dir = join(CORPUS, 'business');
  return readdirSync(dir).sort().slice(0, COMMON + 30).map((f, i) => {
    const text = readArticle(join(dir, f));
    return { title: f, text: i % 5 === 4 ? text : `${text}\n\nAbout us: ${boiler}.` };
  });
}

function rows(store: Store) {
  const title = new Map((store.db.prepare('SELECT id, title FROM sources').all() as { id: string; title: string }[]).map((r) => [r.id, r.title]));
  const all = (sql: string) => store.db.prepare(sql).all() as Record<string, unknown>[];
  return {
    features: all('SELECT hash, source_seq FROM version_features ORDER BY hash, source_seq'),
    signatures: all('SELECT source_seq, feature_count, hashes, positions FROM version_signatures ORDER BY source_seq'),
    common: all('SELECT hash FROM version_common ORDER BY hash'),
    relations: all(`SELECT a_id, b_id, kind, similarity, a_in_b, b_in_a, passages, origin, dismissed FROM source_relations`)
      .map((r) => ({ ...r, a_id: title.get(r.a_id as string), b_id: title.get(r.b_id as string) }))
      .sort((x, y) => `${x.a_id} ${x.b_id}`.localeCompare(`${y.a_id} ${y.b_id}`)),
  };
}

// sources in the library before the session (found batch by batch in both libraries): some (looked up in SQLite), or none (all in memory)
for (const BEFORE of [40, 0]) test(`a detection session finds the same relations as detectVersions batch by batch and leaves the same index (${BEFORE} sources before it)`, () => {
  const { dir, cleanup } = tempDir();
  const stores = [openStore(join(dir, 'batches.db')), openStore(join(dir, 'session.db'))] as const;
  try {
    const all = texts();
    const found: string[][] = [[], []];
    const session = createDetectionSession(stores[1], 45);
    for (let i = 0; i < all.length; i += BATCH) {
      stores.forEach((store, k) => {
        const batch = all.slice(i, i + BATCH).map(({ title, text }) => {
          const s = store.sources.insert({ title, published: null, publisher: null, url: null, byline: null, originalPath: null,
            originalName: title, sha256: `${title}-sha`, encoding: 'utf-8', text, chars: [...text].length });
          return { id: s.id, title, text };
        });
        const reported = k === 1 && i >= BEFORE ? session.detect(batch) : detectVersions(store, batch);
        const titleOf = new Map(batch.map((b) => [b.id, b.title]));
        found[k]!.push(...reported.map((r) => `${titleOf.get(r.id)} ~ ${r.otherTitle}: ${r.kind} ${r.similarity} ${r.aInB} ${r.bInA}`));
      });
    }
    session.flush();
    const [a, b] = stores.map(rows);
    assert.ok(a!.common.length > 0, 'the boilerplate became a stock phrase');
    assert.ok(a!.relations.length >= 5, `relations found: ${a!.relations.length}`);
    assert.deepEqual(found[1], found[0]);
    assert.deepEqual(b, a);
  } finally {
    for (const s of stores) s.close();
    cleanup();
  }
});

test('a detection session sees a source deleted or reopened with another text between its batches, as detectVersions does', () => {
  const { dir, cleanup } = tempDir();
  const stores = [openStore(join(dir, 'batches.db')), openStore(join(dir, 'session.db'))] as const;
  try {
    const dir2 = join(CORPUS, 'business');
    const base = readdirSync(dir2).sort().slice(0, 3 * BATCH).map((f) => ({ title: f, text: readArticle(join(dir2, f)) }));
    const paragraphs = (t: string) => t.split('\n\n');
    // two sources of the first batch, each with a version in the third: one is deleted, the other reopened as half of itself
    const [gone, changed] = [base[1]!, base[2]!];
    const all = base.map((t, i) => (i === 2 * BATCH + 1 ? { title: 'v-gone', text: `Re-headlined\n\n${gone.text}` }
      : i === 2 * BATCH + 2 ? { title: 'v-changed', text: `Re-headlined\n\n${changed.text}` } : t));
    const halved = paragraphs(changed.text).filter((_, k) => k % 2 === 0).join('\n\n');
    const found: string[][] = [[], []];
    const session = createDetectionSession(stores[1], 1000);
    const ids: string[][] = [[], []];
    for (let i = 0; i < all.length; i += BATCH) {
      stores.forEach((store, k) => {
        if (i === 2 * BATCH) {
          store.sources.delete(ids[k]![1]!);
          store.sources.replaceText(ids[k]![2]!, { text: halved, encoding: 'utf-8', chars: [...halved].length, meta: {} });
        }
        const batch = all.slice(i, i + BATCH).map(({ title, text }) => {
          const s = store.sources.insert({ title, published: null, publisher: null, url: null, byline: null, originalPath: null,
            originalName: title, sha256: `${title}-sha`, encoding: 'utf-8', text, chars: [...text].length });
          ids[k]!.push(s.id);
          return { id: s.id, title, text };
        });
        const reported = k === 1 ? session.detect(batch) : detectVersions(store, batch);
        found[k]!.push(...reported.map((r) => `${r.otherTitle} ~ ${batch.find((b) => b.id === r.id)!.title}: ${r.kind} ${r.similarity} ${r.aInB} ${r.bInA}`));
      });
    }
    session.flush();
    const changedPair = found[0]!.find((f) => f.startsWith(`${changed.title} ~ v-changed`));
    assert.ok(changedPair, `the reopened source is still a version of its copy: ${found[0]!.join('; ')}`);
    assert.ok(!found[0]!.some((f) => f.startsWith(`${gone.title} ~ v-gone`)), `the deleted source is no candidate: ${found[0]!.join('; ')}`);
    assert.deepEqual(found[1], found[0]);
    assert.deepEqual(rows(stores[1]), rows(stores[0]));
  } finally {
    for (const s of stores) s.close();
    cleanup();
  }
});

test('a detection session does not wait for the write lock another connection holds: it writes later, and at the end', () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'lock.db');
  const store = openStore(file);
  const other = new Database(file);
  try {
    const session = createDetectionSession(store, 1);
    const add = (from: number) => texts().slice(from, from + BATCH).map(({ title, text }) => {
      const s = store.sources.insert({ title, published: null, publisher: null, url: null, byline: null, originalPath: null,
        originalName: title, sha256: `${title}-sha`, encoding: 'utf-8', text, chars: [...text].length });
      return { id: s.id, title, text };
    });
    const signatures = () => store.db.prepare('SELECT count(*) FROM version_signatures').pluck().get();
    session.detect(add(0));
    const timeout = store.db.pragma('busy_timeout', { simple: true });
    const second = add(BATCH);
    other.exec('BEGIN IMMEDIATE'); // the import storing its next batch
    const t0 = performance.now();
    session.detect(second);
    assert.ok(performance.now() - t0 < 2000, `it did not wait for the lock (${(performance.now() - t0).toFixed(0)} ms)`);
    assert.equal(signatures(), 0, 'nothing written while the lock was held');
    assert.equal(store.db.pragma('busy_timeout', { simple: true }), timeout, 'the busy timeout is back');
    other.exec('COMMIT');
    session.detect(add(2 * BATCH));
    assert.equal(signatures(), 2 * BATCH, 'the lock free, what was held is written as the next batch comes');
    session.flush();
    assert.equal(signatures(), 3 * BATCH);
  } finally {
    other.close();
    store.close();
    cleanup();
  }
});
