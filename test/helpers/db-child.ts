// A second (third, ...) process on one library, for the concurrency tests.
//
//   node db-child.ts hold FILE STOPFILE
//     holds the write lock in a loop (about 30 ms in, 5 ms out, like an import
//     decoding its next batch between transactions) until STOPFILE exists;
//     prints "ready" once the first transaction has committed.
//   node db-child.ts hold-once FILE MS
//     takes the write lock, prints "locked", holds it MS milliseconds, writes
//     settings.holder = "committed" and commits.
//   node db-child.ts open DIR ROUNDS INDEX COUNT
//     for each round k, waits until all COUNT processes reached round k (a
//     file barrier in DIR), then opens (creating and migrating) DIR/k.db;
//     prints one JSON line: the errors, by round.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../../db/store.ts';

const [command, ...args] = process.argv.slice(2);

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

if (command === 'hold') {
  const [file, stopFile] = args as [string, string];
  const store = openStore(file);
  const upsert = store.db.prepare(`INSERT INTO settings (key, value) VALUES ('holder', ?)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  let n = 0;
  while (!existsSync(stopFile)) {
    store.db.exec('BEGIN IMMEDIATE');
    upsert.run(JSON.stringify(n++));
    const until = performance.now() + 30;
    while (performance.now() < until) { /* hold the lock */ }
    store.db.exec('COMMIT');
    if (n === 1) process.stdout.write('ready\n');
    await sleep(5);
  }
  store.close();
  process.stdout.write(`held ${n}\n`);
} else if (command === 'hold-once') {
  const [file, ms] = args as [string, string];
  const store = openStore(file);
  store.db.exec('BEGIN IMMEDIATE');
  process.stdout.write('locked\n');
  pause(Number(ms));
  store.db.prepare(`INSERT INTO settings (key, value) VALUES ('holder', '"committed"')
    ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run();
  store.db.exec('COMMIT');
  store.close();
} else if (command === 'open') {
  const [dir, rounds, index, count] = args as [string, string, string, string];
  const errors: Array<{ round: number; error: string }> = [];
  for (let k = 0; k < Number(rounds); k++) {
    writeFileSync(join(dir, `ready-${k}-${index}`), '');
    while (readdirSync(dir).filter((f) => f.startsWith(`ready-${k}-`)).length < Number(count)) pause(1);
    try {
      openStore(join(dir, `${k}.db`)).close();
    } catch (err) {
      errors.push({ round: k, error: err instanceof Error ? err.message : String(err) });
    }
  }
  process.stdout.write(`${JSON.stringify(errors)}\n`);
} else {
  process.stderr.write(`unknown command ${command}\n`);
  process.exitCode = 2;
}
