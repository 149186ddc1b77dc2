// What a file is, from its first bytes (the extension only says what it
// should be): a PDF, a ZIP container (a DOCX), an OLE compound file (an old
// .doc, or an encrypted Office document), or text, which may be an HTML page.

export type Container = 'pdf' | 'zip' | 'ole' | 'text';

/** PDF readers accept the header anywhere in the first 1024 bytes (junk before it happens). */
const PDF_SEARCH = 1024;

export function sniffContainer(bytes: Uint8Array): Container {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PDF_SEARCH));
  if (head.includes('%PDF-')) return 'pdf';
  return 'text';
}

/** A page: a doctype, or an html/head/body tag, first (after white space and comments or an XML declaration). */
const HTML_START = /^\uFEFF?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** Whether decoded text is an HTML page (whatever the file is called). */
export const looksLikeHtml = (text: string): boolean => HTML_START.test(text.slice(0, 64 * 1024));
