// The languages the detector has character statistics for, and the legacy
// encodings each one was really written in (most used first). One table for
// the detector (which encodings to prefer for a language, which label to give
// identical decodings) and for the evaluation corpus (what to encode each
// language's held-out text into).

export type Script = 'Latin' | 'Cyrillic' | 'Greek' | 'Hebrew' | 'Arabic' | 'Thai' | 'Han' | 'Japanese' | 'Hangul';

export interface Language {
  /** BCP 47-ish code, also the key of its character statistics. */
  code: string;
  name: string;
  script: Script;
  /** Legacy encodings (labels from encodings.ts) this language was written in, most used first. */
  encodings: readonly string[];
}

const WESTERN = ['windows-1252', 'iso-8859-1', 'iso-8859-15', 'macintosh'] as const;
const CENTRAL = ['windows-1250', 'iso-8859-2'] as const;

export const LANGUAGES: readonly Language[] = [
  { code: 'ru', name: 'Russian', script: 'Cyrillic', encodings: ['windows-1251', 'koi8-r', 'ibm866', 'x-mac-cyrillic', 'iso-8859-5', 'ibm855'] },
  { code: 'uk', name: 'Ukrainian', script: 'Cyrillic', encodings: ['windows-1251', 'koi8-u'] },
  { code: 'be', name: 'Belarusian', script: 'Cyrillic', encodings: ['windows-1251'] },
  { code: 'bg', name: 'Bulgarian', script: 'Cyrillic', encodings: ['windows-1251', 'iso-8859-5'] },
  { code: 'sr', name: 'Serbian (Cyrillic)', script: 'Cyrillic', encodings: ['windows-1251', 'iso-8859-5'] },
  { code: 'mk', name: 'Macedonian', script: 'Cyrillic', encodings: ['windows-1251'] },
  { code: 'el', name: 'Greek', script: 'Greek', encodings: ['windows-1253', 'iso-8859-7'] },
  { code: 'he', name: 'Hebrew', script: 'Hebrew', encodings: ['windows-1255', 'iso-8859-8'] },
  { code: 'ar', name: 'Arabic', script: 'Arabic', encodings: ['windows-1256', 'iso-8859-6'] },
  { code: 'fa', name: 'Persian', script: 'Arabic', encodings: ['windows-1256'] },
  { code: 'tr', name: 'Turkish', script: 'Latin', encodings: ['windows-1254', 'iso-8859-9'] },
  { code: 'cs', name: 'Czech', script: 'Latin', encodings: CENTRAL },
  { code: 'sk', name: 'Slovak', script: 'Latin', encodings: CENTRAL },
  { code: 'pl', name: 'Polish', script: 'Latin', encodings: CENTRAL },
  { code: 'hu', name: 'Hungarian', script: 'Latin', encodings: CENTRAL },
  { code: 'sl', name: 'Slovenian', script: 'Latin', encodings: CENTRAL },
  { code: 'hr', name: 'Croatian', script: 'Latin', encodings: CENTRAL },
  { code: 'ro', name: 'Romanian', script: 'Latin', encodings: CENTRAL },
  { code: 'lt', name: 'Lithuanian', script: 'Latin', encodings: ['windows-1257', 'iso-8859-13'] },
  { code: 'lv', name: 'Latvian', script: 'Latin', encodings: ['windows-1257', 'iso-8859-13'] },
  { code: 'et', name: 'Estonian', script: 'Latin', encodings: ['windows-1257', 'iso-8859-15'] },
  { code: 'en', name: 'English', script: 'Latin', encodings: WESTERN },
  { code: 'fr', name: 'French', script: 'Latin', encodings: WESTERN },
  { code: 'de', name: 'German', script: 'Latin', encodings: WESTERN },
  { code: 'es', name: 'Spanish', script: 'Latin', encodings: WESTERN },
  { code: 'it', name: 'Italian', script: 'Latin', encodings: WESTERN },
  { code: 'pt', name: 'Portuguese', script: 'Latin', encodings: WESTERN },
  { code: 'nl', name: 'Dutch', script: 'Latin', encodings: WESTERN },
  { code: 'ca', name: 'Catalan', script: 'Latin', encodings: WESTERN },
  { code: 'da', name: 'Danish', script: 'Latin', encodings: WESTERN },
  { code: 'sv', name: 'Swedish', script: 'Latin', encodings: WESTERN },
  { code: 'nb', name: 'Norwegian Bokmål', script: 'Latin', encodings: WESTERN },
  { code: 'fi', name: 'Finnish', script: 'Latin', encodings: WESTERN },
  { code: 'is', name: 'Icelandic', script: 'Latin', encodings: WESTERN },
  { code: 'vi', name: 'Vietnamese', script: 'Latin', encodings: ['windows-1258'] },
  { code: 'th', name: 'Thai', script: 'Thai', encodings: ['tis-620', 'windows-874'] },
  { code: 'zh-CN', name: 'Chinese (Simplified)', script: 'Han', encodings: ['gb2312', 'gbk', 'gb18030'] },
  { code: 'zh-TW', name: 'Chinese (Traditional)', script: 'Han', encodings: ['big5'] },
  { code: 'ja', name: 'Japanese', script: 'Japanese', encodings: ['shift_jis', 'euc-jp', 'iso-2022-jp'] },
  { code: 'ko', name: 'Korean', script: 'Hangul', encodings: ['euc-kr'] },
];

export const LANGUAGE_BY_CODE: ReadonlyMap<string, Language> = new Map(LANGUAGES.map((l) => [l.code, l]));
