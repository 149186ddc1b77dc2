import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LecternApi } from '../../common/api.ts';
import type { ImportResult } from '../../common/types.ts';
import { WORKER_FROM_SOURCES } from '../../electron/versions/finder.ts';
import { withApi } from '../helpers/api.ts';
import { CORPUS, SEED_000, SEED_001 } from '../helpers/tmp.ts';

const corpus = (name: string) => join(CORPUS, name);
const idOf = (r: ImportResult, path: string) => r.imported.find((i) => i.path === path)!.id;

/** The kind of relation between two sources ('none' when there is none). */
async function kindOf(api: LecternApi, a: string, b: string): Promise<string> {
  return (await api.sourceRelations(a)).relations.find((r) => r.id === b)?.kind ?? 'none';
}

test('the seeds imported together are reported as versions, 000 likely derived from 001 (an estimate, by containment)', () => withApi(async ({ api }) => {
  const r = await api.importPaths([SEED_000, SEED_001]);
  const s000 = idOf(r, SEED_000);
  const s001 = idOf(r, SEED_001);
  assert.equal(r.versions.length, 1, JSON.stringify(r.versions));
  const found = r.versions[0]!;
  assert.equal(found.kind, 'version');
  assert.deepEqual([found.id, found.other].sort(), [s000, s001].sort());
  const rel = (await api.listVersions()).relations;
  assert.equal(rel.length, 1);
  assert.deepEqual([rel[0]!.a, rel[0]!.b, rel[0]!.kind, rel[0]!.origin, rel[0]!.dismissed], [s000, s001, 'version', 'detected', false]);
  assert.ok(rel[0]!.aInB! > 0.9 && rel[0]!.bInA! < 0.85, `most of 000 is in 001, not vice versa: ${rel[0]!.aInB} / ${rel[0]!.bInA}`);
  assert.deepEqual([rel[0]!.derived, rel[0]!.derivedBy], [s000, 'containment']);
  const mine = (await api.sourceRelations(s000)).relations[0]!;
  assert.deepEqual([mine.id, mine.derived], [s001, 'this']);
  assert.deepEqual((await api.listVersions()).groups, [{ sources: [s000, s001] }]);
}));

// pairs labelled in test/fixtures/version-pairs.json, chosen to be clear cases
const VERSION = ['sport/hewitt-falls-to-dent-in-adelaide.txt', 'sport/hewitt-falls-to-dent.txt'];
const COPY = ['tech/ds-aims-to-touch-gamers.txt', 'tech/nintendo-ds-aims-to-touch-gamers.txt'];
const SHARES = ['tech/souped-up-wi-fi-is-on-the-horizon.txt', 'tech/ultra-fast-wi-fi-nears-completion.txt'];
const SHARES2 = ['politics/baa-support-ahead-of-court-battle.txt', 'politics/protesters-plan-airport-challenge.txt'];
const NEITHER = ['business/fosters-buys-stake-in-winemaker.txt', 'business/winemaker-rejects-foster-s-offer.txt'];
const SAME_TOPIC = 'sport/dent-continues-adelaide-progress.txt'; // the same tournament as the Hewitt pair, no passage in common

test('BBC pairs: a condensed copy and a re-headlined copy are versions, follow-ups reusing a few sentences share passages, same-topic articles are neither', () => withApi(async ({ api }) => {
  const files = [...VERSION, ...COPY, ...SHARES, ...SHARES2, ...NEITHER, SAME_TOPIC].map(corpus);
  assert.ok(files.length <= WORKER_FROM_SOURCES, 'found in this thread, after the batch');
  const r = await api.importPaths(files);
  const id = (name: string) => idOf(r, corpus(name));
  assert.equal(await kindOf(api, id(VERSION[0]!), id(VERSION[1]!)), 'version');
  assert.equal(await kindOf(api, id(COPY[0]!), id(COPY[1]!)), 'version');
  assert.equal(await kindOf(api, id(SHARES[0]!), id(SHARES[1]!)), 'shares');
  assert.equal(await kindOf(api, id(SHARES2[0]!), id(SHARES2[1]!)), 'shares');
  assert.equal(await kindOf(api, id(NEITHER[0]!), id(NEITHER[1]!)), 'none');
  for (const h of VERSION) assert.equal(await kindOf(api, id(SAME_TOPIC), id(h)), 'none');
  assert.equal(r.versions.length, 4, 'nothing else was related');
  // the shorter Hewitt report is wholly in the longer one: it is the likely derived one
  const hewitt = (await api.sourceRelations(id('sport/hewitt-falls-to-dent.txt'))).relations[0]!;
  assert.deepEqual([hewitt.derived, hewitt.derivedBy], ['this', 'containment']);
  assert.deepEqual((await api.listVersions()).groups.map((g) => g.sources.length), [2, 2], 'shares passages makes no group');
}));

test('a large import finds versions in the worker thread, beside the import', () => withApi(async ({ api }) => {
  const extra = ['business/1m-payoff-for-former-shell-boss.txt', 'entertainment/berlin-hails-european-cinema.txt', 'sport/melzer-shocks-agassi.txt',
    'politics/jack-cunningham-to-stand-down.txt', 'tech/microsoft-releases-patches.txt', 'sport/capriati-to-miss-melbourne.txt',
    'entertainment/berlin-celebrates-european-cinema.txt', 'business/china-continues-rapid-growth.txt'];
  const files = [SEED_000, SEED_001, ...[...VERSION, ...COPY, ...SHARES, ...SHARES2, ...NEITHER, SAME_TOPIC, ...extra].map(corpus)];
  assert.ok(files.length > WORKER_FROM_SOURCES);
  const r = await api.importPaths(files);
  assert.equal(r.versionsError, undefined);
  assert.equal(await kindOf(api, idOf(r, SEED_000), idOf(r, SEED_001)), 'version');
  assert.equal(await kindOf(api, idOf(r, corpus(VERSION[0]!)), idOf(r, corpus(VERSION[1]!))), 'version');
  assert.equal(await kindOf(api, idOf(r, corpus(SHARES[0]!)), idOf(r, corpus(SHARES[1]!))), 'shares');
  const berlin = [idOf(r, corpus(extra[1]!)), idOf(r, corpus(extra[6]!))];
  assert.equal(await kindOf(api, berlin[0]!, berlin[1]!), 'version');
  assert.ok(r.versions.some((v) => [v.id, v.other].sort().join() === [...berlin].sort().join()), 'reported in the import result');
}));

test('a dismissed pair stays dismissed across versions --rebuild; links stay; a detected relation no longer found goes', () => withApi(async ({ api, store }) => {
  const r = await api.importPaths([SEED_000, SEED_001, ...NEITHER.map(corpus)]);
  const [s000, s001] = [idOf(r, SEED_000), idOf(r, SEED_001)];
  const [n1, n2] = NEITHER.map((n) => idOf(r, corpus(n)));
  await api.unlinkSources(s000, s001);
  // a stale detected relation between two unrelated sources, as an older Lectern might have left
  store.relations.saveDetected(n1!, n2!, 'shares', { similarity: 0.2, aInB: 0.1, bInA: 0.1, passages: 1 });
  const rebuilt = await api.rebuildVersions();
  assert.deepEqual(rebuilt, { sources: 4, compared: 0, found: 0, removed: 1, tooLarge: 0 });
  const after = await api.listVersions();
  assert.deepEqual(after.groups, []);
  assert.equal(after.relations.length, 1);
  assert.deepEqual([after.relations[0]!.dismissed, after.relations[0]!.kind], [true, 'version'], 'still dismissed, not detected again');

  await api.linkSources(n1!, n2!);
  await api.rebuildVersions();
  assert.equal(await kindOf(api, n1!, n2!), 'version', 'a link by hand survives a rebuild');
  // the rebuild found the seeds again, and left them dismissed
  assert.equal((await api.listVersions()).relations.find((x) => x.a === s000)!.dismissed, true);
}));

test('versions --rebuild finds what imports missed: a version of a deleted source, once it is restored', () => withApi(async ({ api }) => {
  const first = await api.importPaths([SEED_000]);
  const s000 = first.imported[0]!.id;
  await api.deleteSource(s000);
  const second = await api.importPaths([SEED_001]);
  assert.deepEqual(second.versions, [], 'a deleted source is not proposed');
  await api.restore([s000]);
  assert.deepEqual((await api.listVersions()).relations, []);
  const rebuilt = await api.rebuildVersions();
  assert.equal(rebuilt.found, 1);
  assert.equal(await kindOf(api, s000, second.imported[0]!.id), 'version');
}));

test('a changed file becomes the next revision of its earlier import, with figures; its annotations can be carried across', () => withApi(async ({ api, dir }) => {
  const path = join(dir, 'story.txt');
  const original = readFileSync(SEED_001, 'utf8');
  writeFileSync(path, original);
  const first = await api.importPaths([path]);
  assert.deepEqual(first.revisions, []);
  const v1 = first.imported[0]!.id;
  const same = await api.importPaths([path]);
  assert.deepEqual([same.imported.length, same.duplicates[0]?.id, same.revisions], [0, v1, []], 'unchanged bytes are a duplicate');

  writeFileSync(path, original.replace('released on Sunday', 'released on Sunday evening').replace(/\nFor more CNN news[^\n]*\n?/, '\n'));
  const second = await api.importPaths([path]);
  const v2 = second.imported[0]!.id;
  assert.deepEqual(second.revisions, [{ id: v2, path, revisionOf: v1, revisionOfTitle: first.imported[0]!.title }]);
  const rel = (await api.sourceRelations(v2)).relations;
  assert.equal(rel.length, 1, 'a revision, not also a detected version');
  assert.deepEqual([rel[0]!.id, rel[0]!.kind, rel[0]!.revision, rel[0]!.derived, rel[0]!.derivedBy], [v1, 'revision', 'earlier', 'this', 'revision']);
  assert.ok(rel[0]!.similarity! > 0.9 && rel[0]!.aInB! > 0.95, `figures measured: ${JSON.stringify(rel[0])}`);
  assert.equal((await api.listVersions()).groups[0]!.sources.length, 2, 'a revision is in the version group');

  // annotations of the first import carried onto the revision
  const { text } = await api.getSource(v1);
  const quote = 'Former Russian lawmaker Ilya Ponomarev';
  const start = [...text.slice(0, text.indexOf(quote))].length;
  const a = await api.createAnnotation({ sourceId: v1, start, end: start + quote.length, comment: 'kept' });
  const carried = await api.carryAnnotations(v1, v2);
  assert.deepEqual(carried.carried.map((c) => [c.from, c.status, c.exact]), [[a.id, 'anchored', quote]]);

  // a third change revises the newest live import
  writeFileSync(path, `${original}\nA line added later.\n`);
  const third = await api.importPaths([path]);
  assert.equal(third.revisions[0]!.revisionOf, v2);
}));

test('the candidate index holds live sources only: delete takes a source out, restore puts it back, purge removes it', () => withApi(async ({ api, store }) => {
  const r = await api.importPaths([SEED_000, SEED_001]);
  const s001 = idOf(r, SEED_001);
  const count = (sql: string) => store.db.prepare(sql).pluck().get() as number;
  const postings = () => count('SELECT count(*) FROM version_features');
  const all = postings();
  const seq = store.versionIndex.seqOf(s001)!;
  const mine = count(`SELECT count(*) FROM version_features WHERE source_seq = ${seq}`);
  assert.ok(mine > 10);
  await api.deleteSource(s001);
  assert.equal(postings(), all - mine);
  await api.restore([s001]);
  assert.equal(postings(), all);
  await api.deleteSource(s001);
  await api.purgeDeleted([s001]);
  assert.equal(postings(), all - mine);
  assert.equal(count(`SELECT count(*) FROM version_signatures WHERE source_seq = ${seq}`), 0);
}));
