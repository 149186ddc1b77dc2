// Page-side actions shared by the browser tests: dropping files with a real
// DataTransfer drop event, selecting text in the reader like a mouse would.
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Lectern } from './harness.ts';
import type { Source } from '../../common/types.ts';

export interface DropFile { name: string; bytes: Uint8Array; type?: string }

export const fileFromDisk = (path: string, name = basename(path)): DropFile => ({ name, bytes: readFileSync(path) });

/**
 * Builds File objects in the page from the given bytes, puts them in a
 * DataTransfer and fires dragenter / dragover / drop on the window's content,
 * as the browser does for a drop from the desktop.
 */
export async function dropFiles(page: Page, files: DropFile[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.type ?? '', b64: Buffer.from(f.bytes).toString('base64') }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const target = document.querySelector('main') ?? document.body;
    const fire = (type: string) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    fire('dragenter');
    fire('dragover');
    fire('drop');
  }, payload);
}

/**
 * Selects the n-th (1-based) occurrence of `needle` in the reader's text (the
 * selection may cross highlight marks and paragraphs) and releases the mouse
 * there, which is what opens the annotation popover.
 */
export async function selectInReader(page: Page, needle: string, occurrence = 1): Promise<void> {
  await page.locator('[role="document"][aria-label^="Text of"]').waitFor();
  await page.evaluate(({ needle, occurrence }) => {
    const root = document.querySelector('[role="document"][aria-label^="Text of"]');
    if (!root) throw new Error('no reader text');
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const all = nodes.map((n) => n.data).join('');
    let at = -1;
    for (let k = 0; k < occurrence; k++) {
      at = all.indexOf(needle, at + 1);
      if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the reader`);
    }
    const locate = (offset: number, preferEnd: boolean): [Text, number] => {
      let base = 0;
      for (const n of nodes) {
        const end = base + n.data.length;
        if (offset < end || (preferEnd && offset === end)) return [n, offset - base];
        base = end;
      }
      const last = nodes[nodes.length - 1]!;
      return [last, last.data.length];
    };
    const [sn, so] = locate(at, false);
    const [en, eo] = locate(at + needle.length, true);
    const range = document.createRange();
    range.setStart(sn, so);
    range.setEnd(en, eo);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    const rect = range.getBoundingClientRect();
    sn.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: rect.right, clientY: rect.bottom }));
  }, { needle, occurrence });
}

/** Ids of the highlight marks that contain the text at `needle`'s first occurrence (nested marks where highlights overlap). */
export async function marksAt(page: Page, needle: string): Promise<string[]> {
  return page.evaluate((needle) => {
    const root = document.querySelector('[role="document"][aria-label^="Text of"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let acc = '';
    const nodes: { n: Text; base: number }[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push({ n: n as Text, base: acc.length }); acc += (n as Text).data; }
    const at = acc.indexOf(needle);
    if (at < 0) return [];
    const hit = nodes.find(({ n, base }) => at >= base && at < base + n.data.length)!;
    const ids: string[] = [];
    for (let el = hit.n.parentElement; el && el !== root; el = el.parentElement) {
      const id = el.getAttribute('data-annotation-id');
      if (id) ids.push(id);
    }
    return ids.sort();
  }, needle);
}

/** The text of all highlight marks of one annotation, in document order. */
export async function markText(page: Page, annotationId: string): Promise<string> {
  return page.evaluate((id) => {
    const marks = [...document.querySelectorAll(`mark[data-annotation-id="${id}"]`)];
    // nested marks of other annotations sit inside; count each text node once
    const seen = new Set<Node>();
    let out = '';
    for (const m of marks) {
      const walker = document.createTreeWalker(m, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!seen.has(n)) { seen.add(n); out += (n as Text).data; }
    }
    return out;
  }, annotationId);
}

/** Polls an async condition (Node side) until it holds; throws with `what` after `timeout` ms. */
export async function until(what: string, cond: () => Promise<boolean> | boolean, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Imports files through the real handlers, reloads the app and opens `open` (a path among them) in the reader. */
export async function importAndOpen(l: Lectern, paths: string[], open = paths[0]!): Promise<{ ids: Map<string, string>; source: Source }> {
  const r = await l.api.importPaths(paths);
  const ids = new Map(r.imported.map((i) => [i.path, i.id]));
  const source = await l.api.getSource(ids.get(open)!);
  await l.reload();
  await l.page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: source.title }).click();
  await l.page.waitForFunction((t) => document.querySelector('[role="document"]')?.getAttribute('aria-label') === `Text of ${t}`, source.title);
  return { ids, source };
}

/** Waits until the first element matching `selector` lies wholly inside the reader's visible area. */
export async function waitInReaderView(page: Page, selector: string, timeout = 5_000): Promise<void> {
  await page.waitForFunction((sel) => {
    const f = document.querySelector(sel);
    const sc = document.querySelector('.reader-scroll');
    if (!f || !sc) return false;
    const a = f.getBoundingClientRect();
    const b = sc.getBoundingClientRect();
    return a.top >= b.top && a.bottom <= b.bottom;
  }, selector, { timeout });
}

/** The side panel's section header (Annotations or Notes): a button that collapses and expands it. */
const sideHead = (page: Page, section: 'annotations' | 'notes') =>
  page.locator(`#side-${section}-head`);

/** Expands a side panel section if it is collapsed, and waits for it to show. */
async function showSection(page: Page, section: 'annotations' | 'notes'): Promise<void> {
  const head = sideHead(page, section);
  await head.waitFor();
  if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
  await page.locator(`#panel-${section}`).waitFor();
}
export const showNotes = (page: Page) => showSection(page, 'notes');
export const showAnnotations = (page: Page) => showSection(page, 'annotations');
/** Waits for the Notes section to be on screen (after "Add to note", a backlink, File > New Note). */
export const notesShown = (page: Page) => page.locator('#panel-notes').waitFor();
