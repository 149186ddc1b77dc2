// The character statistics of every corpus language (built from the training
// split by `npm run corpus:encodings`), loaded once on first use.

import data from './language-models.json' with { type: 'json' };
import { Background, LanguageModel, type BackgroundData, type LanguageModelData } from './language-model.ts';
import { LANGUAGE_BY_CODE, type Script } from './languages.ts';

let models: LanguageModel[] | null = null;

export function languageModels(): readonly LanguageModel[] {
  if (!models) {
    const { background, languages } = data as { background: BackgroundData; languages: LanguageModelData[] };
    const pooled = new Background(background);
    models = languages.map((d) => new LanguageModel(d, pooled));
  }
  return models;
}

export function modelsForScripts(scripts: ReadonlySet<Script>): LanguageModel[] {
  return languageModels().filter((m) => scripts.has(LANGUAGE_BY_CODE.get(m.code)!.script));
}
