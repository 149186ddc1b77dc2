// Sources dragged from the library (onto a collection): their ids as JSON
// under this type. An import drop carries 'Files', never this.
export const SOURCES_MIME = 'application/x-lectern-sources';

export function setDraggedSources(dt: DataTransfer, ids: string[], label: string): void {
  dt.setData(SOURCES_MIME, JSON.stringify(ids));
  dt.setData('text/plain', label);
  dt.effectAllowed = 'copy';
}

export const carriesSources = (dt: DataTransfer | null): boolean => !!dt && [...dt.types].includes(SOURCES_MIME);

/** The ids a drop carries (none when it carries something else). */
export function draggedSources(dt: DataTransfer): string[] {
  try {
    const ids = JSON.parse(dt.getData(SOURCES_MIME)) as unknown;
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
