// reencode: "Reopen with encoding…" from a terminal. Without --encoding it
// lists the likely encodings for the source's original bytes (best first);
// with --encoding it replaces the text (--preview: shows what would happen,
// writes nothing); --undo takes the last re-encoding back.
import type { ReencodeOptions, ReencodeResult } from '../../common/types.ts';
import { UsageError, stringOption, type Command } from './command.ts';
import { placeText } from './place-text.ts';

const oneLine = (s: string, max = 100) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

function optionsText(o: ReencodeOptions): string {
  if (o.refused) return `Cannot reopen ${o.sourceId} with another encoding: ${o.refused}`;
  return [
    `${o.sourceId} is read as ${o.encoding}. Likely encodings, best first:`,
    ...o.likely.map((c) => `  ${c.encoding.padEnd(15)} ${c.family}${c.language ? ` (reads as ${c.language})` : ''}`),
    `Every encoding: ${o.all.map((c) => c.encoding).join(', ')}`,
    ...(o.undo ? [`Last re-encoding: ${o.undo.from} -> ${o.undo.to} (${o.undo.at}); lectern reencode ${o.sourceId} --undo takes it back`] : []),
  ].join('\n');
}

function resultText(r: ReencodeResult): string {
  const verdicts = r.annotations.map((a) => `${a.status.padEnd(9)} ${a.id}${a.deleted ? ' (in the trash)' : ''}  `
    + `${placeText(a)}  "${oneLine(a.exact, 60)}"`);
  return [
    `${r.preview ? 'Preview (nothing written)' : 'Reopened'}: ${r.sourceId} ${r.from} -> ${r.to}, ${r.chars} characters${r.invalid ? `, ${r.invalid} invalid byte sequences (�)` : ''}`,
    ...r.changedLines.map((l) => `line ${l.line}:\n  - ${oneLine(l.before)}\n  + ${oneLine(l.after)}`),
    ...r.meta.map((m) => `${m.field}: ${m.before ?? '–'} -> ${m.after ?? '–'}`),
    ...verdicts,
    `${r.anchored} anchored, ${r.moved} moved, ${r.orphaned} orphaned; ${r.citations} citations in notes follow`
      + `${r.notesSkipped.length ? `; ${r.notesSkipped.length} notes written by a newer Lectern left as they are` : ''}`,
  ].join('\n');
}

const reencodeCommand: Command = {
  name: 'reencode',
  usage: 'lectern reencode [--json] ID [--encoding NAME [--preview]] [--undo]',
  summary: 'Reopen a source with another encoding (its original bytes decoded again, annotations re-anchored); without --encoding, the likely encodings; --undo takes the last one back.',
  options: { encoding: { type: 'string' }, preview: { type: 'boolean' }, undo: { type: 'boolean' } },
  positionals: [1, 1],
  async run({ api, positionals, values }) {
    const id = positionals[0]!;
    const encoding = stringOption(values, 'encoding');
    if (values.undo) {
      if (encoding !== undefined || values.preview) throw new UsageError('--undo takes no --encoding or --preview');
      const json = await api.undoReencode(id);
      return { json, human: `Undone: ${id} is read as ${json.encoding} again; ${json.restored} annotations back where they were`
        + `${json.kept ? `, ${json.kept} moved since and left where they are` : ''}; ${json.citations} citations restored` };
    }
    if (encoding === undefined) {
      if (values.preview) throw new UsageError('--preview needs --encoding NAME');
      const json = await api.reencodeOptions(id);
      return { json, human: optionsText(json), exitCode: json.refused ? 1 : 0 };
    }
    const json = await api.reencodeSource(id, encoding, { preview: values.preview === true });
    return { json, human: resultText(json) };
  },
};

export const reencodeCommands: Command[] = [reencodeCommand];
