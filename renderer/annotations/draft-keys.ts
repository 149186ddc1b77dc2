// Where annotation drafts are kept (renderer/drafts.ts): one new annotation
// per source (with its range), and one edit per annotation (with the version
// it started from).
export const newDraftKey = (sourceId: string) => `annotation:new:${sourceId}`;
export const editDraftKey = (annotationId: string) => `annotation:${annotationId}`;
