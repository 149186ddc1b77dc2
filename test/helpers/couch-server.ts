// A CouchDB-protocol server for the sync tests and benchmark: pouchdb-server
// (npm) in its own process on 127.0.0.1, its databases on disk (LevelDB) in a
// folder of the caller's, so it can be killed (-9) and started again on the
// same data. Waits on conditions (the server answering), never on sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './processes.ts';

const BIN = join(ROOT, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');

export interface CouchServer {
  url: string;
  port: number;
  dir: string;
  child: ChildProcess;
  /** Stops it (SIGKILL when `hard`), and waits for the process to end. */
  stop(hard?: boolean): Promise<void>;
  /** A fetch against the server with the admin's credentials. */
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; json: unknown }>;
}

export const ADMIN = { user: 'admin', password: 'admin-secret' };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => { exited = true; });
  for (;;) {
    if (exited) throw new Error(`pouchdb-server exited before answering:\n${output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch { /* not yet */ }
    if (Date.now() > until) throw new Error(`pouchdb-server did not answer within ${timeoutMs / 1000} s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts pouchdb-server with its data in `dir` (on `port`, or a free one), with an admin (ADMIN). */
export async function startCouch(dir: string, port?: number): Promise<CouchServer> {
  mkdirSync(dir, { recursive: true });
  const p = port ?? await freePort();
  const child = spawn(process.execPath, [BIN, '--port', String(p), '--host', '127.0.0.1', '--dir', join(dir, 'data'),
    '--config', join(dir, 'config.json'), '--no-stdout-logs'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => { output = (output + c).slice(-4000); });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => { output = (output + c).slice(-4000); });
  const url = `http://127.0.0.1:${p}`;
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntilUp(url, child, () => output);
  const auth = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`;
  const admin: CouchServer['admin'] = async (path, init = {}) => {
    const res = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    let json: unknown = text;
    try { json = JSON.parse(text); } catch { /* text */ }
    return { status: res.status, json };
  };
  // an admin (the first PUT needs none: a fresh server is in "admin party" mode)
  const made = await fetch(`${url}/_config/admins/${ADMIN.user}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
  await made.text();
  if (!made.ok && made.status !== 401) throw new Error(`pouchdb-server: making its admin answered ${made.status}`);
  return {
    url, port: p, dir, child, admin,
    async stop(hard = false) {
      if (child.exitCode === null && child.signalCode === null) child.kill(hard ? 'SIGKILL' : 'SIGTERM');
      await ended;
    },
  };
}

/** A database readable and writable by one user only (CouchDB's _users and _security). */
export async function teamDatabase(server: CouchServer, database: string, users: { name: string; password: string }[]): Promise<void> {
  for (const u of users) {
    await server.admin(`/_users/org.couchdb.user:${u.name}`, { method: 'PUT', body: { name: u.name, password: u.password, roles: [], type: 'user' } });
  }
  await server.admin(`/${database}`, { method: 'PUT' });
  await server.admin(`/${database}/_security`, {
    method: 'PUT', body: { admins: { names: [], roles: [] }, members: { names: users.map((u) => u.name), roles: [] } },
  });
}
