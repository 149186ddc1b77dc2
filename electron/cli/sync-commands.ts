// sync (once, or --watch), sync status, sync conflicts, sync resolve, sync off.
// The password never goes on the command line: $LECTERN_SYNC_PASSWORD, or a
// prompt on a terminal (see electron/cli/sync-password.ts).
import type { SyncConflict, SyncReport, SyncStatus } from '../../common/types.ts';
import { UsageError, stringOption, type Command } from './command.ts';

const reportLine = (r: SyncReport): string => [
  r.joined === 'created' ? 'put this library in the (empty) database; ' : r.joined === 'joined' ? 'joined the library the database holds; ' : '',
  r.restored ? `${r.restored}\n` : r.resent ? 'the database had lost this library: sent everything again; ' : '',
  `sent ${r.pushed} change(s), received ${r.received}`,
  r.merged ? `, ${r.merged} merged field by field` : '',
  r.conflicts ? `; ${r.conflicts} conflict(s) to resolve (lectern sync conflicts)` : '',
  r.parked ? `; ${r.parked} record(s) waiting for others not yet received` : '',
  r.refused ? `; ${r.refused} document(s) refused (lectern sync status)` : '',
  r.warning ? `\nwarning: ${r.warning}` : '',
].join('');

const statusLine = (s: SyncStatus): string => {
  if (s.state === 'off') return 'Sync is off (set it up with lectern sync --server URL --database NAME --user NAME).';
  const parts = [s.state === 'syncing' ? `syncing ${s.pending} change(s)` : s.state];
  if (s.pending && s.state !== 'syncing') parts.push(`${s.pending} change(s) not yet sent`);
  if (s.conflicts) parts.push(`${s.conflicts} conflict(s)`);
  if (s.waiting) parts.push(`${s.waiting} waiting`);
  parts.push(s.lastSyncAt ? `last synced ${s.lastSyncAt}` : 'never synced');
  return `${parts.join(', ')}${s.message ? `\n${s.message}` : ''}`;
};

const syncCommand: Command = {
  name: 'sync',
  usage: 'lectern sync [--json] [--server URL --database NAME --user NAME] [--insecure] [--join] [--watch]',
  summary: 'Sync this library with a CouchDB database (push, then pull, until both are done). The first time, give the server, database and user; '
    + 'the password comes from $LECTERN_SYNC_PASSWORD or a prompt. --join merges a non-empty library into the one the database holds; '
    + '--watch keeps syncing until interrupted (one line, or JSON line, per round).',
  options: {
    server: { type: 'string' }, database: { type: 'string' }, user: { type: 'string' },
    insecure: { type: 'boolean' }, join: { type: 'boolean' }, watch: { type: 'boolean' },
  },
  positionals: [0, 0],
  continuousSync: (values) => values.watch === true,
  async run({ api, values, json, progress }) {
    const server = stringOption(values, 'server');
    const database = stringOption(values, 'database');
    const user = stringOption(values, 'user');
    if (server !== undefined || database !== undefined || user !== undefined) {
      if (server === undefined || database === undefined) throw new UsageError('--server and --database go together');
      const existing = await api.getSyncConfig();
      await api.setSyncConfig({
        server, database, user: user ?? existing?.user ?? '', allowInsecure: values.insecure === true,
        continuous: existing?.continuous ?? true,
      });
    }
    const report = await api.syncNow({ join: values.join === true });
    if (values.watch !== true) return { json: report, human: reportLine(report) };

    // --watch: the handler table syncs continuously; print each round until interrupted.
    const print = (s: SyncStatus) => process.stdout.write(`${json ? JSON.stringify(s) : statusLine(s)}\n`);
    print(await api.syncStatus());
    await new Promise<void>((resolve) => {
      let last = '';
      const timer = setInterval(() => {
        void api.syncStatus().then((s) => {
          const key = `${s.state} ${s.lastSyncAt} ${s.pending} ${s.conflicts} ${s.message}`;
          if (key !== last) {
            last = key;
            if (s.state === 'syncing') progress(statusLine(s));
            else print(s);
          }
        });
      }, 200);
      const stop = () => { clearInterval(timer); resolve(); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return { json: await api.syncStatus(), human: 'stopped' };
  },
};

const statusCommand: Command = {
  name: 'sync status',
  usage: 'lectern sync status [--json]',
  summary: 'Whether this library syncs, and where: changes not yet sent, conflicts, the last sync, and what sync decided on its own.',
  options: {},
  positionals: [0, 0],
  async run({ api }) {
    const [status, config, notices] = await Promise.all([api.syncStatus(), api.getSyncConfig(), api.listSyncNotices()]);
    const lines = [
      config ? `${config.server}/${config.database} as ${config.user || '(anonymous)'}` : '',
      statusLine(status),
      ...notices.slice(0, 20).map((n) => `${n.at}  ${n.kind}: ${n.message}`),
    ].filter(Boolean);
    return { json: { ...status, config, notices }, human: lines.join('\n') };
  },
};

const conflictLine = (c: SyncConflict): string =>
  `${c.docId}  ${c.kind} "${c.label}" edited on two machines (${c.fields.join(', ')}); other version(s): ${c.theirs.map((t) => t.rev).join(', ')}`;

const conflictsCommand: Command = {
  name: 'sync conflicts',
  usage: 'lectern sync conflicts [--json]',
  summary: 'Records edited on two machines where both changed the same field: both versions are kept until resolved.',
  options: {},
  positionals: [0, 0],
  async run({ api }) {
    const list = await api.listSyncConflicts();
    return { json: list, human: list.length === 0 ? 'No conflicts.' : list.map(conflictLine).join('\n') };
  },
};

const resolveCommand: Command = {
  name: 'sync resolve',
  usage: 'lectern sync resolve [--json] DOC_ID (--ours | --theirs REV)',
  summary: 'Keep this machine\'s version of a conflicting record (--ours) or another one (--theirs REV, from lectern sync conflicts) on every machine.',
  options: { ours: { type: 'boolean' }, theirs: { type: 'string' } },
  positionals: [1, 1],
  async run({ api, values, positionals }) {
    const theirs = stringOption(values, 'theirs');
    if ((values.ours === true) === (theirs !== undefined)) throw new UsageError('give one of --ours and --theirs REV');
    const left = await api.resolveSyncConflict(positionals[0]!, theirs !== undefined ? { keep: 'theirs', rev: theirs } : { keep: 'ours' });
    return { json: left, human: `resolved; ${left.length} conflict(s) left (they go to the other machines with the next sync)` };
  },
};

const offCommand: Command = {
  name: 'sync off',
  usage: 'lectern sync off [--json]',
  summary: 'Stop syncing this library (nothing is deleted here or on the server).',
  options: {},
  positionals: [0, 0],
  async run({ api }) {
    await api.setSyncConfig(null);
    return { json: { ok: true }, human: 'Sync is off.' };
  },
};

export const syncCommands: Command[] = [statusCommand, conflictsCommand, resolveCommand, offCommand, syncCommand];
