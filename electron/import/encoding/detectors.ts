// Second opinions: npm chardet and npm jschardet name an encoding from their
// own byte statistics. Their names count as evidence in the ranking (a few
// nats for the encoding they name), so a near tie between two readings is
// decided by independent evidence rather than by list order, while a clear
// verdict of the language statistics still stands.

import chardet from 'chardet';
import { createRequire } from 'node:module';
import type jschardetDefault from 'jschardet';
import { encodingInfo, LEGACY_CANDIDATES } from './encodings.ts';

type JsChardet = typeof jschardetDefault;
let jschardetModule: JsChardet | null = null;
/** jschardet is a large module: loaded on the first legacy file, not with every import of the decoder. */
function jschardet(): JsChardet {
  jschardetModule ??= createRequire(import.meta.url)('jschardet') as JsChardet;
  return jschardetModule;
}

/** Log-likelihood bonus for the encoding each detector names (jschardet is the more accurate of the two on our corpus). */
export const DETECTOR_WEIGHT = { chardet: 2, jschardet: 4 };

const ALIASES: Record<string, string> = {
  ascii: 'windows-1252', 'us-ascii': 'windows-1252', gb2312: 'gb18030', gbk: 'gb18030', cp936: 'gb18030',
  maccyrillic: 'x-mac-cyrillic', 'mac-cyrillic': 'x-mac-cyrillic', macroman: 'macintosh', 'mac-roman': 'macintosh',
  cp855: 'ibm855', cp866: 'ibm866', cp874: 'windows-874', cp1258: 'windows-1258', cp932: 'shift_jis', 'windows-31j': 'shift_jis',
  cp949: 'euc-kr', cp950: 'big5', 'big5-hkscs': 'big5', 'iso-8859-11': 'tis-620',
};

/** A detector's name for an encoding as one of our candidate labels, or null when it names none of them. */
export function candidateLabel(name: string | null | undefined): string | null {
  if (!name) return null;
  const lower = name.toLowerCase().replace(/^iso8859-/, 'iso-8859-');
  const label = ALIASES[lower] ?? encodingInfo(lower)?.label ?? null;
  return label !== null && LEGACY_CANDIDATES.includes(label) ? label : null;
}

/** chardet's verdict on a sample, in our labels (also the label kept for identical decodings). */
export function chardetLabel(sample: Uint8Array): string | null {
  return candidateLabel(chardet.detect(sample));
}

/** The bonus each candidate gets from the detectors' verdicts on a sample. */
export function detectorEvidence(sample: Uint8Array): Map<string, number> {
  const votes = new Map<string, number>();
  const add = (label: string | null, weight: number) => {
    if (label) votes.set(label, (votes.get(label) ?? 0) + weight);
  };
  add(chardetLabel(sample), DETECTOR_WEIGHT.chardet);
  add(candidateLabel(jschardet().detect(sample).encoding), DETECTOR_WEIGHT.jschardet);
  return votes;
}
