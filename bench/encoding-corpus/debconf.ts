// A second, independent check where the machine has it: the translated
// descriptions of debconf templates (/var/cache/debconf/templates.dat), mostly
// one-line questions and short paragraphs, none of them used for the
// statistics or the held-out corpus, encoded like the corpus documents.

import { existsSync, readFileSync } from 'node:fs';
import { LANGUAGE_BY_CODE, LANGUAGES } from '../../electron/import/encoding/languages.ts';
import { encodingInfo } from '../../electron/import/encoding/encodings.ts';
import { adapt, encodeAs, type Case } from './cases.ts';

export const TEMPLATES = '/var/cache/debconf/templates.dat';

export function debconfCases(): Case[] {
  if (!existsSync(TEMPLATES)) return [];
  const byLang = new Map<string, string[]>();
  for (const m of readFileSync(TEMPLATES, 'utf8').matchAll(/^(?:Description|Extended_description)-([A-Za-z_]+)\.utf-8: (.*)$/gm)) {
    const code = m[1] === 'pt_BR' ? 'pt' : m[1]!.replace('_', '-');
    if (!LANGUAGE_BY_CODE.has(code)) continue;
    const text = m[2]!.replace(/\\n/g, '\n').normalize('NFC').trim() + '\n';
    byLang.set(code, [...(byLang.get(code) ?? []), text]);
  }
  const cases: Case[] = [];
  for (const lang of LANGUAGES) {
    for (const encoding of lang.encodings) {
      (byLang.get(lang.code) ?? []).forEach((doc, i) => {
        const text = adapt(doc, encoding);
        if (text === null || !/[^\p{ASCII}]/u.test(text)) return;
        cases.push({
          name: `debconf ${lang.code}-${i} ${encoding}`, language: lang.code, encoding, family: encodingInfo(encoding)!.family,
          bom: false, bytes: encodeAs(text, encoding), expected: text,
        });
      });
    }
  }
  return cases;
}
