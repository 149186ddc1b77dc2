// The file types Lectern imports, stated once: the importer (electron/import),
// the open dialog's filter (electron/shell) and the renderer's file input all
// read this table. Keys are lower-case extensions with the dot; the value says
// how a file with that name is expected to be read. The importer then sniffs
// the bytes (electron/import/formats/sniff.ts): a PDF, a Word document or an
// HTML page is read as what it is, whatever its extension says.

export const IMPORT_FORMATS = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
} as const satisfies Record<`.${string}`, string>;

export type ImportExtension = keyof typeof IMPORT_FORMATS;
export type ImportFormat = (typeof IMPORT_FORMATS)[ImportExtension];

export const IMPORT_EXTENSIONS = Object.keys(IMPORT_FORMATS) as ImportExtension[];

/** What a person calls each format (the import summary, the drop target, the source details). */
export const FORMAT_NAMES: Record<ImportFormat, string> = {
  text: 'Text',
  markdown: 'Markdown',
  html: 'HTML',
  docx: 'Word (DOCX)',
  pdf: 'PDF',
};

/** The formats whose text comes from decoding the bytes with a text encoding (the ones "Reopen with encoding…" applies to). */
export const ENCODED_FORMATS: readonly ImportFormat[] = ['text', 'markdown', 'html'];

/** How a file with this extension (any letter case, with the dot) is read, or null when it is not imported. */
export function importFormat(ext: string): ImportFormat | null {
  const key = ext.toLowerCase();
  return Object.hasOwn(IMPORT_FORMATS, key) ? IMPORT_FORMATS[key as ImportExtension] : null;
}

/** A hidden entry (a name starting with '.', such as .git or .DS_Store): skipped inside an imported folder. */
export const isHiddenName = (name: string): boolean => name.startsWith('.');

/** Whether a path relative to a chosen folder ("folder/.cache/a.txt") passes through a hidden entry below that folder. */
export function isInsideHidden(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).slice(1).some(isHiddenName);
}
