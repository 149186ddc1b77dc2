// Real translated prose from this machine's Debian packages: the messages of
// gettext catalogs (/usr/share/locale/<lang>/LC_MESSAGES/*.mo, read back with
// msgunfmt) and localized manual pages (/usr/share/man/<lang>, rendered with man).
// One "unit" is one catalog or one manual page: the train/test split is made
// by unit, so no held-out text comes from a file the statistics were built on.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Unit {
  /** e.g. 'gettext:coreutils' or 'man:usermod.8' */
  name: string;
  /** The file it was read from. */
  path: string;
  paragraphs: string[];
}

/** Where each corpus language's text lives on a Debian system. */
export const SOURCES: Record<string, { locale: string[]; man: string[] }> = {
  ru: { locale: ['ru'], man: ['ru'] }, uk: { locale: ['uk'], man: ['uk'] }, be: { locale: ['be'], man: [] },
  bg: { locale: ['bg'], man: [] }, sr: { locale: ['sr'], man: ['sr'] }, mk: { locale: ['mk'], man: [] },
  el: { locale: ['el'], man: [] }, he: { locale: ['he'], man: [] }, ar: { locale: ['ar'], man: [] }, fa: { locale: ['fa'], man: [] },
  tr: { locale: ['tr'], man: ['tr'] }, cs: { locale: ['cs'], man: ['cs'] }, sk: { locale: ['sk'], man: [] },
  pl: { locale: ['pl'], man: ['pl'] }, hu: { locale: ['hu'], man: ['hu'] }, sl: { locale: ['sl'], man: ['sl'] },
  hr: { locale: ['hr'], man: ['hr'] }, ro: { locale: ['ro'], man: ['ro'] }, lt: { locale: ['lt'], man: [] },
  lv: { locale: ['lv'], man: [] }, et: { locale: ['et'], man: [] },
  en: { locale: ['en@quot'], man: ['.'] }, fr: { locale: ['fr'], man: ['fr'] }, de: { locale: ['de'], man: ['de'] },
  es: { locale: ['es'], man: ['es'] }, it: { locale: ['it'], man: ['it'] }, pt: { locale: ['pt', 'pt_BR'], man: ['pt', 'pt_BR'] },
  nl: { locale: ['nl'], man: ['nl'] }, ca: { locale: ['ca'], man: [] }, da: { locale: ['da'], man: ['da'] },
  sv: { locale: ['sv'], man: ['sv'] }, nb: { locale: ['nb'], man: [] }, fi: { locale: ['fi'], man: ['fi'] },
  is: { locale: ['is'], man: [] }, vi: { locale: ['vi'], man: [] }, th: { locale: ['th'], man: [] },
  'zh-CN': { locale: ['zh_CN'], man: ['zh_CN'] }, 'zh-TW': { locale: ['zh_TW'], man: ['zh_TW'] },
  ja: { locale: ['ja'], man: ['ja'] }, ko: { locale: ['ko'], man: ['ko'] },
};

/** English man pages are thousands; a fixed, name-ordered slice of them is plenty. */
const MAX_MAN_PAGES = 120;

export function extractUnits(code: string): Unit[] {
  const src = SOURCES[code];
  if (!src) throw new Error(`no Debian source configured for ${code}`);
  const units: Unit[] = [];
  for (const dir of src.locale) units.push(...gettextUnits(join('/usr/share/locale', dir, 'LC_MESSAGES')));
  for (const dir of src.man) units.push(...manUnits(join('/usr/share/man', dir)));
  return units.filter((u) => u.paragraphs.length > 0);
}

function gettextUnits(dir: string): Unit[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.mo')).sort().map((f) => {
    const path = join(dir, f);
    const po = execFileSync('msgunfmt', ['--no-wrap', path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const paragraphs = parsePo(po).filter(([id, str]) => str !== id).map(([, str]) => cleanMessage(str));
    return { name: `gettext:${f.replace(/\.mo$/, '')}`, path, paragraphs };
  });
}

/** [msgid, first msgstr] of every entry but the header. */
export function parsePo(po: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const block of po.split(/\n\n+/)) {
    const fields = new Map<string, string>();
    let current = '';
    for (const line of block.split('\n')) {
      const m = /^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$/.exec(line);
      if (m) {
        current = m[1]!;
        fields.set(current, unquote(m[2]!));
      } else if (line.startsWith('"') && current) {
        fields.set(current, fields.get(current)! + unquote(line.slice(1, -1)));
      }
    }
    const id = fields.get('msgid');
    const str = fields.get('msgstr') ?? fields.get('msgstr[0]');
    if (id && str) out.push([id, str]);
  }
  return out;
}

function unquote(s: string): string {
  return s.replace(/\\(["\\ntr])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '', '"': '"', '\\': '\\' })[c]!);
}

/** Drop GTK's mnemonic underscores ("_Файл") and trailing line breaks; the rest is the translator's text. */
function cleanMessage(s: string): string {
  return s.replace(/(^|[\s("'«])_(?=\p{L})/gu, '$1').replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, '');
}

function manUnits(dir: string): Unit[] {
  if (!existsSync(dir)) return [];
  const english = dir === '/usr/share/man';
  const files: string[] = [];
  for (const section of readdirSync(dir).filter((d) => /^man\d$/.test(d)).sort()) {
    for (const f of readdirSync(join(dir, section)).sort()) files.push(join(dir, section, f));
  }
  const chosen = english ? files.filter((_, i) => i % Math.ceil(files.length / MAX_MAN_PAGES) === 0) : files;
  const units: Unit[] = [];
  for (const path of chosen) {
    let text: string;
    try {
      // groff directly (man-db's pipeline can hang without a terminal); -P-cbou: plain text, no overstriking.
      const rendered = execFileSync('sh', ['-c', 'zcat -f "$1" | groff -k -mandoc -Tutf8 -P-cbou -rLL=80n', 'render', path], {
        encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'],
      });
      text = rendered;
    } catch {
      continue;
    }
    const lines = text.split('\n');
    const body = lines.slice(1, -2).join('\n'); // the running header and footer lines
    const paragraphs = body.split(/\n\s*\n/).map(dedent).filter((p) => p.trim().length > 0);
    units.push({ name: `man:${path.split('/').pop()!.replace(/\.gz$/, '')}`, path, paragraphs });
  }
  return units;
}

function dedent(p: string): string {
  const lines = p.replace(/\s+$/, '').split('\n').map((l) => l.replace(/\s+$/, ''));
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

let owners: Map<string, string> | null = null;
/** path -> package, from dpkg's file lists (one pass, instead of a dpkg -S per file). */
function fileOwners(): Map<string, string> {
  if (owners) return owners;
  owners = new Map();
  const info = '/var/lib/dpkg/info';
  for (const f of readdirSync(info).filter((n) => n.endsWith('.list'))) {
    const pkg = f.replace(/\.list$/, '').split(':')[0]!;
    for (const path of readFileSync(join(info, f), 'utf8').split('\n')) if (path) owners.set(path, pkg);
  }
  return owners;
}

/** The Debian package that installed each path, and that package's free licence (null if none is named). */
export function packageOrigins(paths: string[]): Map<string, { pkg: string; licence: string | null }> {
  const out = new Map<string, { pkg: string; licence: string | null }>();
  for (const path of paths) {
    const pkg = fileOwners().get(path);
    if (pkg) out.set(path, { pkg, licence: licenceOf(pkg) });
  }
  return out;
}

const licences = new Map<string, string | null>();
/** The package's licence as its copyright file names it, or null when the file names none we recognise as free. */
function licenceOf(pkg: string): string | null {
  if (licences.has(pkg)) return licences.get(pkg)!;
  const file = `/usr/share/doc/${pkg}/copyright`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const dep5 = [...text.matchAll(/^License: *(\S.*)$/gm)].map((m) => m[1]!.trim()).find((l) => l !== 'other');
  const gnu = /GNU (Lesser |Library )?General Public License(?:[\s\S]{0,120}?version (\d))?/.exec(text);
  const known = dep5
    ?? (gnu ? `${gnu[1] ? 'LGPL' : 'GPL'}${gnu[2] ? `-${gnu[2]}+` : ''}` : null)
    ?? (/Permission (is hereby granted|to use, copy, modify)/.test(text) ? 'MIT/X11-style' : null);
  const free = known !== null && /GPL|BSD|MIT|Expat|X11|PostgreSQL|GFDL|Apache|CC0|ISC|Artistic|MPL|public.domain/i.test(known) ? known : null;
  licences.set(pkg, free);
  return free;
}

/** Installed from Debian's own archive (not from a third-party repository); needs apt's package lists. */
const archive = new Map<string, boolean>();
export function fromDebianArchive(pkg: string): boolean {
  if (archive.has(pkg)) return archive.get(pkg)!;
  const policy = execFileSync('apt-cache', ['policy', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const ok = /https?:\/\/[^ ]*debian\.org\/debian/.test(policy);
  archive.set(pkg, ok);
  return ok;
}
