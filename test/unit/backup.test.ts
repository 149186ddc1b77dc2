// Backups through SQLite's online backup API, the app's daily backup, and its start-up maintenance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { dailyBackup } from '../../electron/backup.ts';
import { startupMaintenance, startupWarning } from '../../electron/maintenance.ts';
import { CHILD, cliProcess, start } from '../helpers/processes.ts';
import { SEED_000, SEED_001, tempDir } from '../helpers/tmp.ts';

test('lectern backup FILE: a checked, single-file copy, taken while another process keeps writing', async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'lectern.db');
  const stop = join(dir, 'stop');
  const copy = join(dir, 'backups', 'copy.db');
  const store = openStore(file);
  try {
    const api = createApi({ store });
    await api.importPaths([SEED_000, SEED_001]);
    await api.createNote({ title: 'Backed up' });
    const missing = await cliProcess(['--db', file, 'backup', copy]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Could not write the backup .*copy\.db: .*directory does not exist/);
    mkdirSync(join(dir, 'backups'));
    const writer = start(CHILD, ['hold', file, stop]);
    await writer.printed('ready');
    try {
      const r = await cliProcess(['--db', file, 'backup', copy, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const result = JSON.parse(r.stdout) as { path: string; bytes: number; check: { ok: boolean } };
      assert.equal(result.path, copy);
      assert.ok(result.check.ok);
      assert.ok(result.bytes > 0);
    } finally {
      writeFileSync(stop, '');
      assert.equal((await writer.done).code, 0);
    }
    assert.deepEqual(readdirSync(join(dir, 'backups')), ['copy.db'], 'no partial or -wal file left beside it');
    const backup = new Database(copy, { readonly: true });
    assert.equal(backup.prepare('SELECT count(*) FROM live_sources').pluck().get(), 2);
    assert.equal(backup.prepare('SELECT title FROM live_notes').pluck().get(), 'Backed up');
    assert.equal(backup.pragma('journal_mode', { simple: true }), 'delete');
    backup.close();

    const onto = await cliProcess(['--db', file, 'backup', file, '--json']);
    assert.equal(onto.code, 1);
    assert.match(onto.stderr, /cannot overwrite the library itself/);
    await assert.rejects(api.backupLibrary(join(dir, 'elsewhere.db')), /only to a path chosen/, 'the app writes backups only where the researcher chose');
  } finally {
    store.close();
    cleanup();
  }
});

test('the daily backup: one a day, the newest seven kept, nothing else in the folder touched', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  const backups = join(dir, 'backups');
  try {
    await createApi({ store }).importPaths([SEED_000]);
    const first = await dailyBackup({ store, dir: backups, today: new Date(2026, 0, 1, 9) });
    assert.equal(first.created?.path, join(backups, 'lectern-2026-01-01.db'));
    const again = await dailyBackup({ store, dir: backups, today: new Date(2026, 0, 1, 18) });
    assert.equal(again.created, null);
    assert.match(again.skipped ?? '', /today's backup exists/);
    writeFileSync(join(backups, 'notes.txt'), 'mine');
    for (let day = 2; day <= 9; day++) await dailyBackup({ store, dir: backups, today: new Date(2026, 0, day, 9) });
    assert.deepEqual(readdirSync(backups).sort(), [
      ...[3, 4, 5, 6, 7, 8, 9].map((d) => `lectern-2026-01-0${d}.db`), 'notes.txt',
    ]);
    const kept = new Database(join(backups, 'lectern-2026-01-09.db'), { readonly: true });
    assert.equal(kept.prepare('SELECT count(*) FROM live_sources').pluck().get(), 1);
    kept.close();
  } finally {
    store.close();
    cleanup();
  }
});

test('start-up maintenance: checks the file, makes the daily backup, purges the trash of rows deleted over 30 days ago', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'lectern.db'));
  try {
    const api = createApi({ store });
    const { imported } = await api.importPaths([SEED_000, SEED_001]);
    const [old, recent] = imported;
    await api.deleteSource(old!.id);
    await api.deleteSource(recent!.id);
    const now = new Date();
    store.db.prepare('UPDATE sources SET deleted_at = ? WHERE id = ?').run(new Date(now.getTime() - 31 * 86_400_000).toISOString(), old!.id);

    const report = await startupMaintenance({ store, dataDir: join(dir, 'data'), now });
    assert.equal(report.check.ok, true);
    assert.equal(report.error, null);
    assert.equal(startupWarning(report), null, 'a sound library warns of nothing');
    assert.ok(report.backup?.created && existsSync(report.backup.created.path));
    assert.deepEqual(report.purged, { sources: 1, annotations: 0, notes: 0, collections: 0, tags: 0 });
    assert.deepEqual((await api.listDeleted()).map((i) => i.id), [recent!.id], 'a recent deletion can still be undone');
  } finally {
    store.close();
    cleanup();
  }
});
