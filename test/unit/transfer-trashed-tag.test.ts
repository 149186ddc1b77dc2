// Copying sources into a library that has a tag of the same name in its trash:
// the copy's annotations get a live tag there (the trashed one's name is
// claimed, as the store does when a researcher types a trashed tag's name),
// listed by `lectern tags` in that library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../electron/cli.ts';
import { SEED_000, tempDir } from '../helpers/tmp.ts';
import { editLibrary as edit } from '../helpers/sync-pair.ts';
import { checkIntegrity } from '../../db/integrity.ts';
import type { CodebookTag } from '../../common/types.ts';

async function cli(args: string[], db: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--db', db], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {}, isTTY: false });
  return { code, stdout, stderr };
}

test('copy: a tag of the same name in the target\'s trash is not reused; the copy\'s tag is live there', async () => {
  const { dir, cleanup } = tempDir('lectern-transfer-trash-');
  try {
    const mine = join(dir, 'mine.db');
    const team = join(dir, 'team.db');
    const { s0, annotation } = await edit(mine, async (api) => {
      const [s] = (await api.importPaths([SEED_000])).imported;
      const a = await api.createAnnotation({ sourceId: s!.id, start: 0, end: 12, tags: ['x'] });
      return { s0: s!.id, annotation: a.id };
    });
    await edit(team, async (api) => {
      writeFileSync(join(dir, 'memo.txt'), 'Team memo\n\nThe place where the team met.\n');
      const [memo] = (await api.importPaths([join(dir, 'memo.txt')])).imported;
      await api.createAnnotation({ sourceId: memo!.id, start: 0, end: 4, tags: ['x'] });
      await api.deleteTag('x');
      assert.deepEqual(await api.listTags(), [], 'the team\'s "x" is in its trash');
    });

    const copied = await cli(['copy', '--json', '--to', team, s0], mine);
    assert.equal(copied.code, 0, copied.stderr);

    const tags = await cli(['tags', '--json'], team);
    assert.equal(tags.code, 0, tags.stderr);
    const x = (JSON.parse(tags.stdout) as CodebookTag[]).find((t) => t.name === 'x');
    assert.ok(x, `"x" is listed by lectern tags there: ${tags.stdout}`);
    assert.equal(x.count, 1, 'on the copied annotation');
    await edit(team, async (api, store) => {
      assert.deepEqual((await api.getAnnotation(annotation)).tags, ['x'], 'the copy carries a live "x"');
      assert.deepEqual(await api.listTags(), ['x']);
      assert.deepEqual(checkIntegrity(store.db, true).problems, []);
    });
  } finally {
    cleanup();
  }
});
