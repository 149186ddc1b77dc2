// What a passage export is called: the filter it was made with, in words.
import { ANNOTATION_COLORS, type AnnotationFilter } from '../../common/types.ts';

export function passagesTitle(filter: AnnotationFilter, collectionName: (id: string) => string | undefined,
  sourceTitle: (id: string) => string | undefined): string {
  const parts: string[] = [];
  if (filter.tag) parts.push(`tagged “${filter.tag}”`);
  if (filter.colors && filter.colors.length > 0 && filter.colors.length < ANNOTATION_COLORS.length) parts.push(`in ${filter.colors.join(' or ')}`);
  if (filter.sourceId) parts.push(`from “${sourceTitle(filter.sourceId) ?? filter.sourceId}”`);
  if (filter.collectionId) parts.push(`in the collection “${collectionName(filter.collectionId) ?? filter.collectionId}”`);
  if (filter.text?.trim()) parts.push(`matching “${filter.text.trim()}”`);
  return parts.length > 0 ? `Passages ${parts.join(', ')}` : 'Passages';
}
