import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_FROM_SOURCES } from '../../electron/versions/finder.ts';
import { CORPUS, SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';
import { cli } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');


const keys = (o: unknown) => Object.keys(o as object).sort();

test('the versions CLI: compare, carry, link, versions, unlink with --json (the keys README documents) and exit codes', async () => {
  const { dir, cleanup } = tempDir();
  const db = join(dir, 'versions.db');
  const run = (...args: string[]) => cli(['--db', db, ...args]);
  try {
    const imported = (await run('import', '--json', SEED_000, SEED_001)).json().imported as Array<{ id: string; path: string }>;
    const s000 = imported.find((i) => i.path === SEED_000)!.id;
    const s001 = imported.find((i) => i.path === SEED_001)!.id;

    const compare = await run('compare', '--json', s000, s001);
    assert.equal(compare.code, 0, compare.stderr);
    const c = compare.json();
    assert.deepEqual(keys(c), ['a', 'aInB', 'b', 'bInA', 'segments', 'similarity']);
    assert.deepEqual([c.a, c.b], [s000, s001]);
    const segments = c.segments as Array<Record<string, unknown>>;
    for (const g of segments) {
      assert.deepEqual(keys(g), ['a', 'b', 'changes', 'kind', 'score']);
      for (const side of [g.a, g.b]) if (side !== null) assert.deepEqual(keys(side), ['end', 'start', 'text']);
    }
    assert.deepEqual([...new Set(segments.map((g) => g.kind))].sort(), ['changed', 'moved', 'onlyA', 'onlyB', 'same']);
    const human = await run('compare', s000, s001);
    assert.match(human.stdout, /\[-the cathedral of Colony-\]/);
    assert.match(human.stdout, /\{\+Cologne Cathedral, according to the Dossier Center\+\}/);
    assert.match(human.stdout, /^- A ¶2 {2}What the dossier says$/m, 'an inserted heading, with where it stands');
    assert.match(human.stdout, /^~ changed [\d.]+ \(A ¶\d+(-\d+)?, B ¶\d+(-\d+)?\)$/m);

    assert.equal((await run('annotate', s001, '--quote', 'accused of plotting an attack on Cologne Cathedral')).code, 0);
    assert.equal((await run('annotate', s001, '--quote', 'Three pleaded guilty, according to Russian media.')).code, 0);
    const dry = (await run('carry', '--json', '--from', s001, '--to', s000, '--dry-run')).json();
    assert.deepEqual(keys(dry), ['alreadyThere', 'anchored', 'carried', 'dryRun', 'from', 'moved', 'orphaned', 'skipped', 'to']);
    assert.deepEqual([dry.anchored, dry.moved, dry.orphaned], [0, 1, 1]);
    const carried = (await run('carry', '--json', '--from', s001, '--to', s000)).json();
    for (const x of carried.carried as object[]) assert.deepEqual(keys(x), ['end', 'exact', 'from', 'id', 'score', 'start', 'status']);
    assert.equal((carried.carried as Array<{ id: string | null }>).filter((x) => typeof x.id === 'string').length, 2);
    const twice = (await run('carry', '--json', '--from', s001, '--to', s000)).json();
    assert.deepEqual([twice.carried, (twice.skipped as unknown[]).length], [[], 2]);

    const link = await run('link', '--json', s000, s001);
    assert.equal(link.code, 0, link.stderr);
    const versions = (await run('versions', '--json')).json();
    assert.deepEqual(keys(versions), ['groups', 'relations']);
    assert.deepEqual(versions.groups, [{ sources: [s000, s001] }]);
    const rel = (versions.relations as Array<Record<string, unknown>>)[0]!;
    for (const k of ['a', 'b', 'kind', 'similarity', 'aInB', 'bInA', 'origin', 'dismissed']) assert.ok(k in rel, k);
    assert.deepEqual([rel.kind, rel.origin, rel.dismissed, rel.derived], ['version', 'manual', false, s000]);

    const one = (await run('versions', '--json', s000)).json();
    assert.equal(one.id, s000);
    const other = (one.relations as Array<Record<string, unknown>>)[0]!;
    for (const k of ['id', 'title', 'kind', 'similarity', 'aInB', 'bInA', 'derived']) assert.ok(k in other, k);
    assert.deepEqual([other.id, other.derived], [s001, 'this']);

    const unlink = await run('unlink', '--json', s000, s001);
    assert.equal(unlink.code, 0);
    assert.equal(unlink.json().dismissed, true);
    assert.deepEqual((await run('versions', '--json')).json().groups, []);

    // usage errors exit 2, requests that cannot be met exit 1 with {error}
    assert.equal((await run('carry', '--json', '--from', s001)).code, 2);
    assert.equal((await run('compare', s000)).code, 2);
    const missing = await run('compare', '--json', s000, 'no-such-id');
    assert.equal(missing.code, 1);
    assert.equal((missing.json().error as { code: string }).code, 'not-found');
    const same = await run('link', '--json', s000, s000);
    assert.equal(same.code, 1);
    assert.equal((same.json().error as { code: string }).code, 'same-source');
  } finally {
    cleanup();
  }
});

test('the built CLI finds versions in its bundled worker (dist/electron/versions-worker.mjs) and rebuilds with it', () => {
  if (!existsSync(join(ROOT, 'dist', 'electron', 'cli.mjs'))) {
    assert.equal(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status, 0, 'npm run build');
  }
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'bundle.db');
    const tech = readdirSync(join(CORPUS, 'tech')).sort().slice(0, WORKER_FROM_SOURCES).map((f) => join(CORPUS, 'tech', f));
    const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'electron', 'cli.mjs'), '--db', db, ...args], { encoding: 'utf8' });
    const imported = run('import', '--json', SEED_000, SEED_001, ...tech);
    assert.equal(imported.status, 0, imported.stderr);
    const result = JSON.parse(imported.stdout) as { imported: Array<{ id: string; path: string }>; versions: Array<{ id: string; other: string; kind: string }>; versionsError?: string };
    assert.equal(result.versionsError, undefined);
    const seeds = [SEED_000, SEED_001].map((p) => result.imported.find((i) => i.path === p)!.id).sort();
    assert.ok(result.versions.some((v) => v.kind === 'version' && [v.id, v.other].sort().join() === seeds.join()), JSON.stringify(result.versions));
    const rebuilt = run('versions', '--json', '--rebuild');
    assert.equal(rebuilt.status, 0, rebuilt.stderr);
    const after = JSON.parse(rebuilt.stdout) as { groups: Array<{ sources: string[] }>; rebuild: { sources: number; found: number } };
    assert.equal(after.rebuild.sources, tech.length + 2);
    assert.equal(after.rebuild.found, result.versions.length, 'the rebuild finds what the import found');
    assert.ok(after.groups.some((g) => g.sources.slice().sort().join() === seeds.join()));
  } finally {
    cleanup();
  }
});
