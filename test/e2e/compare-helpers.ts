// Page-side actions for the compare view's tests: selecting text in one side
// with the real mouse, finding the row that shows a passage.
import type { Page } from 'playwright-core';
import type { Lectern } from './harness.ts';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

/**
 * Drags the mouse across the first occurrence of `needle` inside the element
 * `root` selects (a compare cell, the reader), as a researcher selecting it would.
 */
export async function dragSelect(page: Page, root: string, needle: string): Promise<void> {
  const box = await page.evaluate(({ root, needle }) => {
    for (const el of document.querySelectorAll(root)) {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const all = nodes.map((n) => n.data).join('');
      const at = all.indexOf(needle);
      if (at < 0) continue;
      const locate = (offset: number): [Text, number] => {
        let base = 0;
        for (const n of nodes) { if (offset < base + n.data.length) return [n, offset - base]; base += n.data.length; }
        return [nodes.at(-1)!, nodes.at(-1)!.data.length];
      };
      (el as HTMLElement).scrollIntoView({ block: 'center' });
      const [sn, so] = locate(at);
      const [en, eo] = locate(at + needle.length - 1);
      const first = document.createRange(); first.setStart(sn, so); first.setEnd(sn, so + 1);
      const last = document.createRange(); last.setStart(en, eo); last.setEnd(en, eo + 1);
      const a = first.getBoundingClientRect();
      const b = last.getBoundingClientRect();
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    }
    throw new Error(`"${needle}" is not in ${root}`);
  }, { root, needle });
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

/** The seeds imported and linked as versions (by hand, so the test does not rest on detection); 000 open in the reader. */
export async function seedsOpen(l: Lectern): Promise<{ s000: string; s001: string }> {
  const r = await l.api.importPaths([SEED_000, SEED_001]);
  const s000 = r.imported.find((i) => i.path === SEED_000)!.id;
  const s001 = r.imported.find((i) => i.path === SEED_001)!.id;
  await l.api.linkSources(s000, s001);
  await l.reload();
  const title = (await l.api.getSource(s000)).title;
  await l.page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: title }).click();
  await l.page.waitForFunction((t) => document.querySelector('[role="document"]')?.getAttribute('aria-label') === `Text of ${t}`, title);
  return { s000, s001 };
}

/** Seed 001 imported from a file in `dir`, then the file changed and imported again: a source and its revision (one title). */
export async function fileAndRevision(l: Lectern, dir: string): Promise<{ first: string; later: string; title: string }> {
  const file = join(dir, 'story.txt');
  copyFileSync(SEED_001, file);
  const first = (await l.api.importPaths([file])).imported[0]!.id;
  writeFileSync(file, readFileSync(file, 'utf8').replace('Cologne Cathedral', 'the cathedral in Cologne'));
  const later = (await l.api.importPaths([file])).revisions[0]!.id;
  return { first, later, title: (await l.api.getSource(first)).title };
}

/** A passage's code-point range in a text. */
export function cpRange(text: string, quote: string): { start: number; end: number } {
  const i = text.indexOf(quote);
  if (i < 0) throw new Error(`"${quote}" is not in the text`);
  const start = Array.from(text.slice(0, i)).length;
  return { start, end: start + Array.from(quote).length };
}
