import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CORPUS, SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';
import { cli } from '../helpers/cli.ts';


test('carry CLI: onto a source linked by hand that is no version, every copy is an orphan and the message says why; carrying again says nothing is new', async () => {
  const { dir, cleanup } = tempDir();
  const run = (...args: string[]) => cli(['--db', join(dir, 'l.db'), ...args]);
  try {
    const unrelated = join(CORPUS, 'business', 'china-had-role-in-yukos-split-up.txt');
    const imported = JSON.parse((await run('import', '--json', SEED_000, SEED_001, unrelated)).stdout).imported as Array<{ id: string; path: string }>;
    const id = (path: string) => imported.find((i) => i.path === path)!.id;
    const [s000, s001, other] = [id(SEED_000), id(SEED_001), id(unrelated)];
    assert.equal((await run('annotate', s001, '--quote', 'accused of plotting an attack on Cologne Cathedral')).code, 0);
    assert.equal((await run('annotate', s001, '--quote', 'Three pleaded guilty, according to Russian media.')).code, 0);
    assert.equal((await run('link', s001, other)).code, 0);

    const dry = await run('carry', '--from', s001, '--to', other, '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /0 anchored, 0 moved, 2 orphaned, 0 skipped \(dry run: nothing written\)/);
    assert.match(dry.stdout, new RegExp(`None of these passages was found in ${other}: every copy would be an orphan .*lectern compare ${s001} ${other}`));

    const onto = await run('carry', '--from', s001, '--to', s000);
    assert.match(onto.stdout, /1 moved, 1 orphaned/);
    assert.doesNotMatch(onto.stdout, /None of these passages|Nothing new/);
    const again = await run('carry', '--from', s001, '--to', s000);
    assert.match(again.stdout, /^skipped .*carried before/m);
    assert.match(again.stdout, new RegExp(`Nothing new to carry: every annotation of ${s001} was skipped \\(carried onto ${s000} before, or already there: see above\\)\\.`));
    assert.match((await run('carry', '--from', other, '--to', s001)).stdout, new RegExp(`${other} has no annotations to carry\\.`));
  } finally {
    cleanup();
  }
});

test('carry CLI: onto an unrelated source every copy is an orphan, and the message names how to take them back; ids given bare are refused with the right form; show and annotations mark an orphan', async () => {
  const { dir, cleanup } = tempDir();
  const run = (...args: string[]) => cli(['--db', join(dir, 'l.db'), ...args]);
  try {
    const unrelated = join(CORPUS, 'business', 'china-had-role-in-yukos-split-up.txt');
    const imported = JSON.parse((await run('import', '--json', SEED_001, unrelated)).stdout).imported as Array<{ id: string; path: string }>;
    const [s001, other] = [SEED_001, unrelated].map((p) => imported.find((i) => i.path === p)!.id);
    assert.equal((await run('annotate', s001, '--quote', 'Three pleaded guilty, according to Russian media.')).code, 0);
    const bare = await run('carry', s001, other);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, new RegExp(`lectern carry --from ${s001} --to ${other}`));

    const carried = await run('carry', '--json', '--from', s001, '--to', other);
    assert.equal(carried.code, 0);
    const copy = (JSON.parse(carried.stdout) as { carried: { id: string; status: string }[] }).carried[0]!;
    assert.equal(copy.status, 'orphaned');
    const shown = await run('show', other);
    assert.match(shown.stdout, /^ {2}orphaned, not placed "Three pleaded guilty, according to Russian media\."/m);
    assert.equal(JSON.parse((await run('show', '--json', other)).stdout).annotations[0].status, 'orphaned');
    assert.match((await run('annotations', '--source', other)).stdout, /orphaned, not placed/);

    // carried onto the wrong source by mistake: the message names the command that takes the copies back
    const more = join(CORPUS, 'business', 'deutsche-attacks-yukos-case.txt');
    const third = JSON.parse((await run('import', '--json', more)).stdout).imported[0].id as string;
    const wrong = await run('carry', '--from', s001, '--to', third);
    const back = /To take these copies back: lectern annotation delete (\S+)$/m.exec(wrong.stdout);
    assert.ok(back, wrong.stdout);
    const unknown = await run('annotation', 'delete', back[1]!, 'no-such-annotation');
    assert.equal(unknown.code, 1, 'an unknown id deletes nothing');
    assert.equal(JSON.parse((await run('show', '--json', third)).stdout).annotations.length, 1);
    const deleted = await run('annotation', 'delete', back[1]!);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.match(deleted.stdout, new RegExp(`lectern restore ${back[1]} undoes it`));
    assert.equal(JSON.parse((await run('show', '--json', third)).stdout).annotations.length, 0);
  } finally {
    cleanup();
  }
});
