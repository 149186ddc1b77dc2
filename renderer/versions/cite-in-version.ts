// The citation of a cited passage as another version has it ("Cite this
// version" on a citation's card): through the annotation there when there is
// one (the copy carried from the cited annotation, or one on exactly that
// range), else through a new annotation made over it, in the cited
// annotation's colour and tags (its comment stays with the original).
import { citationFor, type CitationAttrs } from '../../common/citation.ts';
import type { PassageInVersion } from '../../common/types.ts';
import { isBridgeError } from '../bridge.ts';
import { emit } from '../bus.ts';

export async function citationInVersion(p: PassageInVersion, citedAnnotationId: string | null): Promise<CitationAttrs> {
  if (p.status === null || p.status === 'orphaned') throw new Error(`The passage is not in ${p.title}`);
  let annotationId = p.annotationId;
  if (!annotationId) {
    const original = citedAnnotationId
      ? await window.lectern.getAnnotation(citedAnnotationId).catch((e: unknown) => { if (isBridgeError(e, 'not-found')) return null; throw e; })
      : null;
    const made = await window.lectern.createAnnotation({
      sourceId: p.id, start: p.start, end: p.end, ...(original ? { color: original.color, tags: original.tags } : {}),
    });
    annotationId = made.id;
    emit('changed', { what: 'annotations' });
  }
  const source = await window.lectern.getSource(p.id);
  return citationFor(source, p.start, p.end, annotationId);
}
