// check, backup, and the trash (trash, restore, purge).
import type { IntegrityReport, TrashItem } from '../../common/types.ts';
import { UsageError, type Command } from './command.ts';

const checkLine = (r: IntegrityReport) => r.ok
  ? `ok: ${r.full ? 'integrity_check and the full-text indexes' : 'quick_check'} found no problems`
  : `DAMAGED: ${r.full ? 'integrity_check' : 'quick_check'} found ${r.problems.length} problem(s):\n${r.problems.map((p) => `  ${p}`).join('\n')}`;

const checkCommand: Command = {
  name: 'check',
  usage: 'lectern check [--json] [--full]',
  summary: 'Check the library file (SQLite quick_check; --full: integrity_check and the full-text indexes). A damaged library is refused for writing until it passes.',
  options: { full: { type: 'boolean' } },
  positionals: [0, 0],
  async run({ api, values }) {
    const report = await api.checkLibrary({ full: values.full === true });
    const status = await api.libraryStatus();
    const lines = [
      `${status.path} (schema version ${status.schemaVersion}${status.inMemory ? ', read from a copy in memory' : ''})`,
      checkLine(report),
      ...(status.readOnly ? [`writes refused (${status.readOnly.code}): ${status.readOnly.message}`] : []),
    ];
    return { json: { ...report, status }, human: lines.join('\n'), exitCode: report.ok ? 0 : 1 };
  },
};

const backupCommand: Command = {
  name: 'backup',
  usage: 'lectern backup [--json] FILE',
  summary: 'Copy the library to FILE through SQLite\'s online backup API (safe while the app is open), then check the copy.',
  options: {},
  positionals: [1, 1],
  async run({ api, positionals }) {
    const r = await api.backupLibrary(positionals[0]!);
    return { json: r, human: `wrote ${r.path} (${r.bytes} bytes); the copy: ${checkLine(r.check)}`, exitCode: r.check.ok ? 0 : 1 };
  },
};

const itemLine = (i: TrashItem) =>
  `${i.kind.padEnd(10)} ${i.id}  deleted ${i.deletedAt}  ${i.title}${i.kind === 'source' && i.annotations ? `  [${i.annotations} annotations]` : ''}`;

const trashCommand: Command = {
  name: 'trash',
  usage: 'lectern trash [--json]',
  summary: 'List deleted sources, annotations, notes and collections (kept 30 days; lectern restore ID brings one back).',
  options: {},
  positionals: [0, 0],
  async run({ api }) {
    const items = await api.listDeleted();
    return { json: items, human: items.length === 0 ? 'The trash is empty.' : items.map(itemLine).join('\n') };
  },
};

const restoreCommand: Command = {
  name: 'restore',
  usage: 'lectern restore [--json] ID...',
  summary: 'Put deleted sources (with their annotations), annotations, notes or collections back as they were.',
  options: {},
  positionals: [1, Infinity],
  async run({ api, positionals }) {
    const items = await api.restore(positionals);
    return { json: items, human: items.map((i) => `restored ${itemLine(i)}`).join('\n') };
  },
};

const purgeCommand: Command = {
  name: 'purge',
  usage: 'lectern purge [--json] (--all | ID...)',
  summary: 'Remove rows from the trash for good: the named ones, or with --all everything in it.',
  options: { all: { type: 'boolean' } },
  positionals: [0, Infinity],
  async run({ api, values, positionals }) {
    if ((values.all === true) === (positionals.length > 0)) throw new UsageError('purge needs either --all or the ids to purge');
    const r = await api.purgeDeleted(positionals.length > 0 ? positionals : undefined);
    return { json: r, human: `purged ${r.sources} source(s), ${r.annotations} annotation(s), ${r.notes} note(s), ${r.collections} collection(s), ${r.tags} tag(s)` };
  },
};

export const maintenanceCommands: Command[] = [checkCommand, backupCommand, trashCommand, restoreCommand, purgeCommand];
