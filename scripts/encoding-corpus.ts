// npm run corpus:encodings   (needs Debian's gettext (msgunfmt), man-db and the
// packages whose translations are installed on the development machine)
//
// Builds the encoding evaluation corpus and the detector's character statistics
// from real translated text on this machine (see scripts/encoding-corpus/extract.ts):
// per language, whole catalogs / manual pages are split into a TRAINING part,
// counted into electron/import/encoding/language-models.json, and a held-out
// TEST part, cut into documents of realistic lengths (short notes to long
// articles) and written to bench/encoding-corpus/text/<lang>.txt with their
// Debian package of origin and its licence. The bench and the unit tests
// encode those documents into each legacy encoding the language used
// (bench/encoding-corpus/cases.ts), so the repository keeps UTF-8 text, not
// encoded blobs. Deterministic for a given set of installed packages.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Script } from '../electron/import/encoding/languages.ts';
import { trainBackground, trainModel, type LanguageModelData } from '../electron/import/encoding/language-model.ts';
import { extractUnits, fromDebianArchive, packageOrigins, type Unit } from './encoding-corpus/extract.ts';
import { DOC_HEADER, type CorpusDoc } from '../bench/encoding-corpus/docs.ts';
import { rng } from '../test/helpers/version-pair.ts';

const root = join(import.meta.dirname, '..');
const TEXT_DIR = join(root, 'bench', 'encoding-corpus', 'text');
const MODELS = join(root, 'electron', 'import', 'encoding', 'language-models.json');
const SOURCES_MD = join(root, 'bench', 'encoding-corpus', 'SOURCES.md');

/** Target document lengths in characters: short notes, medium texts, long articles. */
const LENGTH_TIERS: Array<{ count: number; min: number; max: number }> = [
  { count: 5, min: 150, max: 800 },
  { count: 8, min: 800, max: 3500 },
  { count: 3, min: 5000, max: 12000 },
];
const TRAIN_CHARS = 2_000_000;

const SCRIPT_LETTER: Record<Script, RegExp> = {
  Latin: /\p{Script=Latin}/u, Cyrillic: /\p{Script=Cyrillic}/u, Greek: /\p{Script=Greek}/u, Hebrew: /\p{Script=Hebrew}/u,
  Arabic: /\p{Script=Arabic}/u, Thai: /\p{Script=Thai}/u, Han: /\p{Script=Han}/u,
  Japanese: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u, Hangul: /[\p{Script=Hangul}\p{Script=Han}]/u,
};

/** A message or paragraph that is prose in the language: mostly letters, mostly of its script, no control characters. */
function isProse(p: string, script: Script): boolean {
  if (p.length > 4000 || /[\p{Cc}\uFFFD]/u.test(p.replace(/[\n\t]/g, ''))) return false;
  // Option tables and column layouts are not prose: "  -v, --verbose      ...".
  if (/^\s*-{1,2}\w/m.test(p) || / {3,}/.test(p)) return false;
  const letters = [...p].filter((c) => /\p{L}/u.test(c));
  if (letters.length < 12 || letters.length < p.length * 0.45) return false;
  const own = letters.filter((c) => SCRIPT_LETTER[script].test(c)).length;
  return own >= letters.length * 0.5;
}

/** FNV-1a: a stable order for units, independent of the file system's. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

interface Split {
  docs: CorpusDoc[];
  train: string[];
  units: Unit[];
}

/** ENCODING_CORPUS_CACHE=dir keeps the extracted units between runs (for tuning the statistics). */
function cachedUnits(code: string): Unit[] {
  const dir = process.env.ENCODING_CORPUS_CACHE;
  if (!dir) return extractUnits(code);
  const file = join(dir, `${code}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Unit[];
  const units = extractUnits(code);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(units));
  return units;
}

/** Only text from packages of Debian's own archive whose copyright file names a free licence. */
function licenceClean(units: Unit[]): Unit[] {
  const origins = packageOrigins(units.map((u) => u.path));
  return units.filter((u) => {
    const o = origins.get(u.path);
    return o !== undefined && o.licence !== null && fromDebianArchive(o.pkg);
  });
}

function split(code: string, script: Script): Split {
  const units = licenceClean(cachedUnits(code))
    .map((u) => ({ ...u, paragraphs: u.paragraphs.map((p) => p.normalize('NFC')).filter((p) => isProse(p, script)) }))
    .filter((u) => u.paragraphs.length > 0)
    .sort((a, b) => hash(code + a.name) - hash(code + b.name) || a.name.localeCompare(b.name));
  const random = rng(hash(code));
  const lengths = LENGTH_TIERS.flatMap((t) => Array.from({ length: t.count }, () => Math.round(t.min + random() * (t.max - t.min))));
  const needed = lengths.reduce((a, b) => a + b, 0) * 1.4;
  const total = units.reduce((n, u) => n + u.paragraphs.join('\n\n').length, 0);
  // Held-out units first (in hash order) until they hold enough text for the
  // documents, but never more than 40% of the language's text: the rest trains.
  const budget = Math.min(needed, total * 0.4);
  const test: Unit[] = [];
  let testChars = 0;
  for (const u of units) {
    if (testChars >= budget) break;
    const n = u.paragraphs.join('\n\n').length;
    if (testChars + n > budget * 1.5 && (test.length > 0 || n > total * 0.5)) continue;
    test.push(u);
    testChars += n;
  }
  const trainUnits = units.filter((u) => !test.includes(u));
  const seen = new Set<string>();
  const train: string[] = [];
  let trainChars = 0;
  for (const u of trainUnits) {
    for (const p of u.paragraphs) {
      if (seen.has(p) || trainChars > TRAIN_CHARS) continue;
      seen.add(p);
      train.push(p);
      trainChars += p.length;
    }
  }
  // Documents: consecutive held-out paragraphs of one catalog or page (moving
  // on to the next unit when one runs out), never a paragraph also in training.
  const pool = test.flatMap((u) => u.paragraphs.filter((p) => !seen.has(p)).map((p) => ({ p, unit: u })));
  const docs: CorpusDoc[] = [];
  let at = 0;
  for (const [i, length] of lengths.entries()) {
    const parts: string[] = [];
    const origins = new Set<string>();
    while (at < pool.length && parts.join('\n\n').length < length) {
      const { p, unit } = pool[at++]!;
      if (parts.includes(p)) continue;
      parts.push(p);
      origins.add(unit.path);
    }
    if (parts.length === 0) break;
    docs.push({ id: `${code}-${String(i + 1).padStart(2, '0')}`, origins: [...origins], text: parts.join('\n\n') + '\n' });
  }
  return { docs, train, units };
}

function main(): void {
  if (!fromDebianArchive('coreutils')) throw new Error('apt has no package lists: run apt-get update first (the corpus keeps only text from Debian\'s archive)');
  mkdirSync(TEXT_DIR, { recursive: true });
  const models: LanguageModelData[] = [];
  const trainingTexts: string[][] = [];
  const sourceLines: string[] = [];
  for (const lang of LANGUAGES) {
    const { docs, train, units } = split(lang.code, lang.script);
    const cjk = lang.script === 'Han' || lang.script === 'Japanese' || lang.script === 'Hangul';
    trainingTexts.push(train);
    models.push(trainModel(lang.code, train, cjk ? { chars: 5000, pairs: 8000 } : { chars: 600, pairs: 5000 }));
    const origins = packageOrigins([...new Set(docs.flatMap((d) => d.origins))]);
    const described = (path: string) => {
      const o = origins.get(path);
      return o ? `${path} (Debian package ${o.pkg}, ${o.licence})` : path;
    };
    const body = docs.map((d) => `${DOC_HEADER} ${d.id} | ${d.origins.map(described).join('; ')}\n${d.text}`).join('');
    writeFileSync(join(TEXT_DIR, `${lang.code}.txt`), body);
    const trainChars = train.reduce((n, p) => n + p.length, 0);
    const testChars = docs.reduce((n, d) => n + d.text.length, 0);
    const pkgs = [...new Set([...origins.values()].map((o) => `${o.pkg} (${o.licence})`))].sort();
    sourceLines.push(`| ${lang.code} | ${lang.name} | ${units.length} | ${trainChars.toLocaleString('en')} | ${docs.length} | ${testChars.toLocaleString('en')} | ${pkgs.join(', ')} |`);
    console.log(`${lang.code}: ${units.length} units, train ${trainChars} chars, test ${docs.length} docs ${testChars} chars`);
  }
  writeFileSync(MODELS, JSON.stringify({ background: trainBackground(trainingTexts), languages: models }) + '\n');
  writeFileSync(SOURCES_MD, [
    '# Encoding corpus: sources',
    '',
    'Generated by `npm run corpus:encodings` (scripts/encoding-corpus.ts) from the translated gettext',
    'catalogs (`/usr/share/locale/*/LC_MESSAGES/*.mo`, read with `msgunfmt`) and localized manual pages',
    '(`/usr/share/man/<lang>`) installed on a Debian machine. Each catalog or manual page goes wholly to the',
    'training part (counted into `electron/import/encoding/language-models.json`) or to the held-out test',
    'part (the documents in `text/`, each headed by the file it came from, its Debian package and that',
    "package's licence as its copyright file names it). The translations are distributed under those",
    'free licences; they are kept here as evaluation data only.',
    '',
    '| code | language | catalogs + pages | training chars | test docs | test chars | test text from (package, licence) |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...sourceLines,
    '',
  ].join('\n'));
}

main();
