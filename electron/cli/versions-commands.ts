// versions, compare, carry, link, unlink: versions of a story, through the API.
import type { Segment } from '../../common/align/types.ts';
import type { CarryResult, RelatedSource, SourceRelation } from '../../common/types.ts';
import { UsageError, stringOption, type Command } from './command.ts';
import { placeText } from './place-text.ts';
import { MAX_ALIGN_CHARS, tooLargeToAlign } from '../versions/align-sources.ts';
import { ParagraphIndex } from '../../common/segment.ts';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

const KIND_LABEL = { version: 'version', shares: 'shares passages', revision: 'revision' } as const;

/** A relation on two lines: its kind and the two sources (with their titles when known), then its figures. */
function relationLine(r: SourceRelation, titles: ReadonlyMap<string, string> = new Map()): string {
  const name = (id: string) => (titles.has(id) ? `${id} (${titles.get(id)})` : id);
  const facts = [`similarity ${pct(r.similarity)}`, `a in b ${pct(r.aInB)}`, `b in a ${pct(r.bInA)}`, r.origin, r.dismissed ? 'dismissed' : null,
    r.derived && `estimate (${r.derivedBy}): ${r.derived === r.a ? 'a' : 'b'} is likely derived from the other`];
  return `${KIND_LABEL[r.kind].padEnd(15)} a ${name(r.a)}\n${' '.repeat(16)}b ${name(r.b)}\n${' '.repeat(16)}${facts.filter(Boolean).join(', ')}`;
}

function relatedLine(r: RelatedSource): string {
  const direction = r.derived === 'this' ? 'this is likely derived from it' : r.derived === 'other' ? 'it is likely derived from this' : null;
  const revision = r.revision === 'earlier' ? 'its earlier file' : r.revision === 'later' ? 'its next revision' : null;
  const facts = [revision, `similarity ${pct(r.similarity)}`, `this in it ${pct(r.aInB)}`, `it in this ${pct(r.bInA)}`, r.origin,
    r.dismissed ? 'dismissed' : null, direction && `estimate (${r.derivedBy}): ${direction}`];
  return `${KIND_LABEL[r.kind].padEnd(15)} ${r.id}  ${r.title}\n${' '.repeat(16)}${facts.filter(Boolean).join(', ')}`;
}

const versionsCommand: Command = {
  name: 'versions',
  usage: 'lectern versions [--json] [--rebuild]  |  lectern versions [--json] ID',
  summary: 'Versions of a story: every relation and the version groups (--rebuild: find them across the whole library first), or the relations of one source.',
  options: { rebuild: { type: 'boolean' } },
  positionals: [0, 1],
  async run({ api, positionals, values, progress }) {
    const id = positionals[0];
    if (id !== undefined && values.rebuild) throw new UsageError('--rebuild works on the whole library: lectern versions --rebuild');
    const rebuilt = values.rebuild ? await api.rebuildVersions() : null;
    if (rebuilt) progress(`compared ${rebuilt.compared} pairs of ${rebuilt.sources} sources`);
    if (id !== undefined) {
      const json = await api.sourceRelations(id);
      const tooLarge = json.relations.length === 0 ? tooLargeToAlign((await api.getSource(id)).text) : null;
      const human = json.relations.length === 0
        ? `Source ${id} has no versions, shared passages or revisions${tooLarge ? `: it is too large to compare for versions (${tooLarge}); link one by hand with lectern link` : ''}.`
        : json.relations.map(relatedLine).join('\n');
      return { json, human };
    }
    const listed = await api.listVersions();
    const titles = new Map((await api.listSources()).map((x) => [x.id, x.title]));
    const groups = listed.groups.map((g, i) => `group ${i + 1}: ${g.sources.map((x) => `${x} (${titles.get(x) ?? '?'})`).join(', ')}`);
    const summary = rebuilt ? [`rebuilt: ${rebuilt.sources} sources, ${rebuilt.compared} pairs aligned, ${rebuilt.found} relations found, ${rebuilt.removed} removed`
      + `${rebuilt.tooLarge ? `; ${rebuilt.tooLarge} too large to compare (over ${MAX_ALIGN_CHARS / 1e6} million characters) not looked at` : ''}`] : [];
    const human = [...summary, ...(listed.relations.length === 0 ? ['No versions found.'] : [...groups, ...listed.relations.map((r) => relationLine(r, titles))])].join('\n');
    return { json: rebuilt ? { ...listed, rebuild: rebuilt } : listed, human };
  },
};

/** text[range] (code points) with the given sub-ranges wrapped in open/close marks. */
function marked(text: string[], range: { start: number; end: number }, parts: { start: number; end: number }[], open: string, close: string): string {
  let out = '';
  let at = range.start;
  for (const p of [...parts].sort((x, y) => x.start - y.start)) {
    if (p.start < at) continue;
    out += `${text.slice(at, p.start).join('')}${open}${text.slice(p.start, p.end).join('')}${close}`;
    at = p.end;
  }
  return oneLine(out + text.slice(at, range.end).join(''));
}

/** The paragraphs a side of a segment spans: "¶3", "¶3-5". */
function paragraphsOf(index: ParagraphIndex, r: { start: number; end: number }): string {
  const first = index.numberAt(r.start);
  const last = index.numberAt(Math.max(r.start, r.end - 1));
  return first === last ? `¶${first}` : `¶${first}-${last}`;
}

/** Both texts' paragraph numbering, for the lines of a comparison. */
interface Numbering { a: ParagraphIndex; b: ParagraphIndex }

/** A segment for reading in a terminal, with where it stands (A ¶n, B ¶m): changed words as [-A-] in A's line and {+B+} in B's. */
function segmentText(g: Segment, a: string[], b: string[], at: Numbering): string {
  if (g.kind === 'onlyA') return `- A ${paragraphsOf(at.a, g.a!)}  ${oneLine(g.a!.text)}`;
  if (g.kind === 'onlyB') return `+ B ${paragraphsOf(at.b, g.b!)}  ${oneLine(g.b!.text)}`;
  const where = `A ${paragraphsOf(at.a, g.a!)}, B ${paragraphsOf(at.b, g.b!)}`;
  if (g.kind === 'same') return `= ${where}  ${oneLine(g.a!.text)}`;
  const mark = g.kind === 'moved' ? '>' : '~';
  const lineA = marked(a, g.a!, g.changes.flatMap((c) => (c.a ? [c.a] : [])), '[-', '-]');
  const lineB = marked(b, g.b!, g.changes.flatMap((c) => (c.b ? [c.b] : [])), '{+', '+}');
  return `${mark} ${g.kind} ${g.score} (${where})
  A ${lineA}
  B ${lineB}`;
}

const compareCommand: Command = {
  name: 'compare',
  usage: 'lectern compare [--json] A B',
  summary: 'Align two sources passage by passage: = same, ~ changed ([-A-]{+B+}), > moved, - only in A, + only in B.',
  options: {},
  positionals: [2, 2],
  async run({ api, positionals }) {
    const [a, b] = positionals as [string, string];
    const json = await api.compareSources(a, b);
    const [sourceA, sourceB] = await Promise.all([api.getSource(a), api.getSource(b)]);
    const [textA, textB] = [[...sourceA.text], [...sourceB.text]];
    const at: Numbering = { a: new ParagraphIndex(sourceA.text), b: new ParagraphIndex(sourceB.text) };
    const counts = new Map<string, number>();
    for (const g of json.segments) counts.set(g.kind, (counts.get(g.kind) ?? 0) + 1);
    const head = `A ${json.a}\nB ${json.b}\nsimilarity ${pct(json.similarity)}, A in B ${pct(json.aInB)}, B in A ${pct(json.bInA)}; `
      + `${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}`;
    return { json, human: `${head}\n\n${json.segments.map((g) => segmentText(g, textA, textB, at)).join('\n')}` };
  },
};

/** What a carry's counts alone do not say: nothing new to copy, or no passage of A found in B. */
function carryNotes(r: CarryResult, from: string, to: string): string[] {
  if (r.carried.length === 0) {
    if (r.skipped.length === 0) return [`${from} has no annotations to carry.`];
    return [`Nothing new to carry: every annotation of ${from} was skipped (carried onto ${to} before, or already there: see above).`];
  }
  if (r.orphaned === r.carried.length) {
    return [`None of these passages was found in ${to}: every copy ${r.dryRun ? 'would be' : 'is'} an orphan (kept with its quote and comment, placed on no text). `
      + `Is ${to} a version of ${from}? \`lectern compare ${from} ${to}\` shows what the two share.`,
    ...(r.dryRun ? [] : [`To take these copies back: lectern annotation delete ${r.carried.map((c) => c.id).join(' ')}`])];
  }
  return [];
}

const carryCommand: Command = {
  name: 'carry',
  usage: 'lectern carry [--json] --from A --to B [--dry-run]',
  summary: 'Copy the annotations of source A onto its version B (anchored, moved with a score, or orphaned); --dry-run writes nothing.',
  options: { from: { type: 'string' }, to: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  positionals: [0, 2],
  async run({ api, values, positionals }) {
    const from = stringOption(values, 'from');
    const to = stringOption(values, 'to');
    // the ids given bare, as compare takes them: which is which is named, so a carry is never made the wrong way round
    if (positionals.length > 0) throw new UsageError(`carry names its sources: lectern carry --from ${positionals[0]} --to ${positionals[1] ?? 'B'}`);
    if (!from || !to) throw new UsageError('carry needs --from A and --to B');
    const json = await api.carryAnnotations(from, to, { dryRun: values['dry-run'] === true });
    const lines = [
      ...json.carried.map((c) => `${c.status.padEnd(9)} ${c.from} -> ${c.id ?? '(dry run)'}  ${placeText(c)}  "${oneLine(c.exact)}"`),
      ...json.skipped.map((s) => `skipped   ${s.from}: ${s.reason} (${s.id})`),
      `${json.anchored} anchored, ${json.moved} moved, ${json.orphaned} orphaned, ${json.skipped.length} skipped${json.dryRun ? ' (dry run: nothing written)' : ''}`,
      ...carryNotes(json, from, to),
    ];
    return { json, human: lines.join('\n') };
  },
};

const linkCommand: Command = {
  name: 'link',
  usage: 'lectern link [--json] A B',
  summary: 'Link two sources as versions by hand (or confirm a detected relation).',
  options: {},
  positionals: [2, 2],
  async run({ api, positionals }) {
    const json = await api.linkSources(positionals[0]!, positionals[1]!);
    return { json, human: `linked: ${relationLine(json)}` };
  },
};

const unlinkCommand: Command = {
  name: 'unlink',
  usage: 'lectern unlink [--json] A B',
  summary: 'Dismiss the relation of two sources: kept as dismissed, out of every group, never detected again.',
  options: {},
  positionals: [2, 2],
  async run({ api, positionals }) {
    const json = await api.unlinkSources(positionals[0]!, positionals[1]!);
    return { json, human: `dismissed: ${relationLine(json)}` };
  },
};

export const versionsCommands: Command[] = [versionsCommand, compareCommand, carryCommand, linkCommand, unlinkCommand];
