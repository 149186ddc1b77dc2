// The notebook in Chromium: notes list, editing, autosave, delete/undo, the
// three ways to cite, click-through to the passage, backlinks, marked
// citations, copy/paste of citations and the paste-sanitising test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withLectern, type Lectern } from './harness.ts';
import { showAnnotations, showNotes } from './helpers.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';
import type { Annotation } from '../../common/types.ts';
import { noteCitations } from '../../common/note-citations.ts';
import { citationLabel } from '../../common/citation-label.ts';

const PASSAGE = 'the documents showed ethnic Tajiks radicalized by ISIS-K';
const cpIndex = (text: string, needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;

async function setup(l: Lectern): Promise<{ seed1: string; seed0: string; ann: Annotation }> {
  const r = await l.api.importPaths([SEED_000, SEED_001]);
  const seed1 = r.imported.find((i) => i.path === SEED_001)!.id;
  const seed0 = r.imported.find((i) => i.path === SEED_000)!.id;
  const text = (await l.api.getSource(seed1)).text;
  const start = cpIndex(text, PASSAGE);
  const ann = await l.api.createAnnotation({ sourceId: seed1, start, end: start + Array.from(PASSAGE).length, comment: 'who knew' });
  await l.reload();
  return { seed1, seed0, ann };
}

const editor = (page: Page) => page.locator('.note-editor');

async function newNote(page: Page, title: string) {
  await showNotes(page);
  await page.getByRole('button', { name: 'New note' }).click();
  const t = page.getByRole('textbox', { name: 'Note title' });
  await t.waitFor();
  await t.fill(title);
  await editor(page).click();
}

async function openSourceByTitle(page: Page, title: string) {
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: title }).click();
  await page.locator('[role="document"][aria-label^="Text of"]').waitFor();
}

/** The saved note doc, once the autosave has written what the test expects. */
async function savedNote(l: Lectern, title: string, until: (doc: unknown, text: string) => boolean) {
  for (let i = 0; i < 100; i++) {
    const s = (await l.api.listNotes()).find((n) => n.title === title);
    if (s) {
      const n = await l.api.getNote(s.id);
      if (until(n.doc, n.text)) return n;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`note "${title}" never saved as expected`);
}

test('notes: create, rename (the list follows), format with input rules and keys, autosave survives a reload', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    await newNote(page, 'Field notes');
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Field notes/ }).waitFor();
    await page.keyboard.type('# Heading');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- first item');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second');
    await page.keyboard.press('Tab'); // indent into a nested list
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('plain **bold** then ');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('slanted');
    await page.keyboard.press('Control+i');
    await page.keyboard.press('Enter');
    await page.keyboard.type('> quoted');
    const html = await editor(page).innerHTML();
    assert.match(html, /<h1>Heading<\/h1>/);
    assert.match(html, /<ul><li><p>first item<\/p><ul><li><p>second<\/p><\/li><\/ul><\/li><\/ul>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<em>slanted<\/em>/);
    assert.match(html, /<blockquote><p>quoted<\/p><\/blockquote>/);
    // toolbar state follows the cursor: inside the quote the Block quote toggle is on (beside the
    // reader the toolbar keeps one row, so Block quote and Undo are in its More menu)
    const bar = page.getByRole('toolbar', { name: 'Formatting' });
    await bar.getByRole('button', { name: 'More formatting' }).click();
    assert.equal(await bar.getByRole('menuitemcheckbox', { name: 'Block quote' }).getAttribute('aria-checked'), 'true');
    await bar.getByRole('menuitem', { name: 'Undo' }).click();
    assert.ok(!(await editor(page).innerHTML()).includes('<blockquote><p>quoted'), 'undo from the toolbar');
    await page.keyboard.press('Control+Shift+z');
    assert.ok((await editor(page).innerHTML()).includes('quoted'), 'redo');

    // rename: the list updates as the title is typed
    await page.getByRole('textbox', { name: 'Note title' }).fill('Field notes, day 1');
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Field notes, day 1/ }).waitFor();
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' last words');
    // autosave: no save button, the doc reaches the store within about a second
    const saved = await savedNote(l, 'Field notes, day 1', (_d, text) => text.includes('last words'));
    assert.match(saved.text, /^Heading\nfirst item\nsecond\nplain bold then slanted\nquoted last words$/);
    await l.reload();
    await showNotes(page);
    await editor(page).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Note title' }).inputValue(), 'Field notes, day 1');
    assert.match(await editor(page).innerText(), /quoted last words/);
  });
});

test('the New note button puts focus in the new title: what is typed next names the note and its text (a trial: Space pressed the button again)', async () => {
  await withLectern(async (l) => {
    const { page, api } = l;
    await setup(l);
    await showNotes(page);
    await page.getByRole('button', { name: 'New note' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Note title');
    await page.keyboard.type('Tajik link here');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 50 && !(await api.listNotes()).some((n) => n.title === 'Tajik link here'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual((await api.listNotes()).map((n) => n.title), ['Tajik link here']);
    // and the note's text is named after its title, not "Untitled note"
    await page.getByRole('textbox', { name: 'Note text: Tajik link here' }).waitFor();
  });
});

test('delete a note, then undo brings it back with its content', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    await newNote(page, 'Doomed');
    await page.keyboard.type('keep me');
    await savedNote(l, 'Doomed', (_d, text) => text === 'keep me');
    await page.getByRole('button', { name: 'Delete note' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted “Doomed”' }).waitFor();
    assert.equal((await l.api.listNotes()).length, 0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Doomed/ }).waitFor();
    const notes = await l.api.listNotes();
    assert.equal(notes.length, 1);
    assert.equal((await l.api.getNote(notes[0]!.id)).text, 'keep me');
    await editor(page).filter({ hasText: 'keep me' }).waitFor();
    // the search box filters the list
    await newNote(page, 'Other');
    await page.getByRole('searchbox', { name: 'Find notes' }).fill('doom');
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Other/ }).waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('list', { name: 'Notes' }).getByRole('button').count(), 1);
  });
});

test('cite by dragging an annotation from the side panel onto the note: a quote with its citation at the drop point', async () => {
  await withLectern(async (l) => {
    const { seed1, ann } = await setup(l);
    const { page, api } = l;
    const source = await api.getSource(seed1);
    await openSourceByTitle(page, source.title);
    await newNote(page, 'Dropped');
    await page.keyboard.type('Before the drop.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('After the drop.');
    // drag the annotation item (the app fills the DataTransfer on dragstart) and drop it on the first paragraph
    await showAnnotations(page);
    await page.evaluate(() => {
      const item = document.querySelector('.ann-item[draggable="true"]')!;
      const dt = new DataTransfer();
      item.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer: dt }));
      (window as unknown as { __dt: DataTransfer }).__dt = dt;
    });
    await showNotes(page);
    await page.evaluate(() => {
      const dt = (window as unknown as { __dt: DataTransfer }).__dt;
      const p = document.querySelector('.note-editor p')!;
      // drop just after the end of the first paragraph's text
      const range = document.createRange();
      range.selectNodeContents(p.firstChild!);
      const r = range.getBoundingClientRect();
      const opts = { bubbles: true, cancelable: true, dataTransfer: dt, clientX: r.right - 1, clientY: r.top + r.height / 2 };
      p.dispatchEvent(new DragEvent('dragenter', opts));
      p.dispatchEvent(new DragEvent('dragover', opts));
      p.dispatchEvent(new DragEvent('drop', opts));
    });
    const quote = editor(page).locator('blockquote.lectern-quote');
    await quote.waitFor();
    const blocks = await editor(page).evaluate((el) => [...el.children].map((c) => `${c.tagName}:${c.textContent}`));
    assert.equal(blocks[0], 'P:Before the drop.');
    assert.equal(blocks[1], `BLOCKQUOTE:${PASSAGE} ${citationLabel(source, 3)}`);
    assert.equal(blocks[2], 'P:After the drop.');
    const saved = await savedNote(l, 'Dropped', (doc) => noteCitations(doc).length === 1);
    assert.deepEqual(noteCitations(saved.doc)[0], { annotationId: ann.id, sourceId: seed1, start: ann.start, end: ann.end, exact: PASSAGE });
  });
});

test('cite from the palette (Mod-Shift-C and the toolbar button): annotations and sources, inserted at the cursor', async () => {
  await withLectern(async (l) => {
    const { seed1, seed0, ann } = await setup(l);
    const { page } = l;
    await newNote(page, 'Palette');
    await page.keyboard.type('Claim one ');
    await page.keyboard.press('Control+Shift+C');
    const palette = page.getByRole('dialog', { name: 'Cite a passage' });
    await palette.getByRole('searchbox', { name: 'Search annotations and sources' }).fill('Tajiks radicalized');
    const option = palette.getByRole('option').filter({ hasText: 'Annotation' }).first();
    await option.waitFor();
    // move the active option to the annotation with the arrow keys, then choose it with Enter
    const kinds = await palette.getByRole('option').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    const target = kinds.findIndex((k) => k.startsWith('Annotation'));
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await palette.getByRole('option', { selected: true }).textContent().then((t) => t?.startsWith('Annotation')), true);
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await page.keyboard.type('and claim two ');
    // (the citation brought its own trailing space)
    await page.getByRole('button', { name: 'Cite' }).click();
    await palette.getByRole('searchbox').fill('Colony');
    await palette.getByRole('option').filter({ hasText: 'Source' }).first().click();
    await palette.waitFor({ state: 'detached' });
    await page.keyboard.type('end.');

    const saved = await savedNote(l, 'Palette', (doc, text) => noteCitations(doc).length === 2 && text.endsWith('end.'));
    const [c1, c2] = noteCitations(saved.doc);
    assert.deepEqual(c1, { annotationId: ann.id, sourceId: seed1, start: ann.start, end: ann.end, exact: PASSAGE });
    assert.equal(c2!.sourceId, seed0);
    assert.equal(c2!.annotationId, null);
    assert.ok(c2!.exact.includes('Colony'), 'the source citation quotes the paragraph where the query matched');
    const src0 = await l.api.getSource(seed0);
    assert.equal(Array.from(src0.text).slice(c2!.start, c2!.end).join(''), c2!.exact, 'code-point range matches the quote');
    const para = await editor(page).locator('p').first().innerText();
    const label1 = citationLabel(await l.api.getSource(seed1), 3);
    assert.ok(para.startsWith(`Claim one ${label1} and claim two ${citationLabel(src0, null)}, ¶`), para);
    assert.match(para, /, ¶\d+ end\.$/);
  });
});

test('"Add to note" from the annotation list: into the open note, or a new note when none is open', async () => {
  await withLectern(async (l) => {
    const { seed1, ann } = await setup(l);
    const { page, api } = l;
    const source = await api.getSource(seed1);
    await openSourceByTitle(page, source.title);
    await showAnnotations(page);
    await page.getByRole('button', { name: 'Add to note' }).click();
    // no note was open: one is created holding the quote
    await editor(page).locator('blockquote.lectern-quote').waitFor();
    const first = (await api.listNotes())[0]!;
    assert.match(first.title, /^Notes on Russia’s security services/);
    assert.deepEqual(noteCitations((await api.getNote(first.id)).doc).map((c) => c.annotationId), [ann.id]);
    // with the note open, a second "Add to note" inserts into it
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('my comment');
    await showAnnotations(page);
    await page.getByRole('button', { name: 'Add to note' }).click();
    await showNotes(page);
    await page.waitForFunction(() => document.querySelectorAll('.note-editor blockquote.lectern-quote').length === 2);
    assert.equal((await api.listNotes()).length, 1);
    const saved = await savedNote(l, first.title, (doc) => noteCitations(doc).length === 2);
    assert.match(saved.text, /my comment/);
  });
});

test('a citation opens its passage in the reader (flashed), shows the quote on hover, and backlinks lead to the other note', async () => {
  await withLectern(async (l) => {
    const { seed1, ann } = await setup(l);
    const { page, api } = l;
    const source = await api.getSource(seed1);
    const cite = { sourceId: seed1, start: ann.start, end: ann.end, exact: PASSAGE, sha256: source.sha256, annotationId: ann.id, sourceTitle: source.title };
    const docWith = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }, { type: 'citation', attrs: cite }] }] });
    const a = await api.createNote({ title: 'Note A', doc: docWith('A says ') });
    const b = await api.createNote({ title: 'Note B', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'B intro' }] }, docWith('B says ').content[0]] } });
    await l.reload();
    await showNotes(page);
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Note A/ }).click();
    const citation = editor(page).locator('cite.lectern-citation');
    await citation.waitFor();
    await page.waitForFunction(() => document.querySelector('.note-editor cite')?.textContent?.includes('¶'));
    assert.equal(await citation.innerText(), citationLabel(source, 3));

    await citation.hover();
    const card = page.getByRole('dialog', { name: 'Citation' });
    await card.waitFor();
    assert.ok((await card.innerText()).includes(PASSAGE));
    assert.ok((await card.innerText()).includes(source.title));

    // backlinks: the selected citation lists the other note citing the same annotation
    await citation.click();
    await page.locator('[role="document"][aria-label^="Text of"]').waitFor();
    await page.waitForFunction((p) => [...document.querySelectorAll('[role="document"] .flash')].map((e) => e.textContent).join('') === p, PASSAGE);
    const also = page.getByRole('region', { name: /Also cited in/ });
    await also.waitFor();
    await also.getByRole('button', { name: 'Open note Note B' }).click();
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[aria-label="Note title"]')?.value === 'Note B');
    // opened at its citation: the citation is selected
    await page.waitForFunction(() => document.querySelector('.note-editor cite.selected') !== null);
    assert.deepEqual((await api.backlinks(ann.id)).map((x) => x.noteId).sort(), [a.id, b.id].sort());
    assert.deepEqual((await api.backlinks(seed1)).map((x) => x.noteId).sort(), [a.id, b.id].sort());
  });
});

test('a citation whose annotation was deleted is marked; one whose source is gone says so', async () => {
  await withLectern(async (l) => {
    const { seed1, ann } = await setup(l);
    const { page, api } = l;
    const source = await api.getSource(seed1);
    const cite = { sourceId: seed1, start: ann.start, end: ann.end, exact: PASSAGE, sha256: source.sha256, annotationId: ann.id, sourceTitle: source.title };
    const ghost = { ...cite, sourceId: 'gone-source-id', annotationId: null, sourceTitle: 'A vanished report' };
    await api.createNote({ title: 'Marks', doc: { type: 'doc', content: [{ type: 'paragraph', content: [
      { type: 'citation', attrs: cite }, { type: 'text', text: ' and ' }, { type: 'citation', attrs: ghost }] }] } });
    await api.deleteAnnotation(ann.id);
    await l.reload();
    await showNotes(page);
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /Marks/ }).click();
    const cites = editor(page).locator('cite.lectern-citation');
    await page.waitForFunction(() => {
      const all = [...document.querySelectorAll('.note-editor cite')];
      return all.length === 2 && all.every((c) => (c as HTMLElement).dataset.status !== 'loading');
    });
    assert.equal(await cites.nth(0).getAttribute('data-status'), 'annotation-deleted');
    assert.match((await cites.nth(0).getAttribute('aria-label'))!, /annotation deleted/);
    assert.equal(await cites.nth(1).getAttribute('data-status'), 'source-missing');
    assert.match(await cites.nth(1).innerText(), /A vanished report — source removed/);
    await cites.nth(1).hover();
    assert.match(await page.getByRole('dialog', { name: 'Citation' }).innerText(), /removed from the library/);
  });
});

/** Fires a paste event carrying `data` on the editor, as the browser does for Ctrl+V. */
async function paste(page: Page, data: Record<string, string>) {
  await page.evaluate((data) => {
    const dt = new DataTransfer();
    for (const [type, value] of Object.entries(data)) dt.setData(type, value);
    document.querySelector('.note-editor')!.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: dt }));
  }, data);
}

test('copying a citation into another note keeps it a citation', async () => {
  await withLectern(async (l) => {
    const { seed1, ann } = await setup(l);
    const { page, api } = l;
    const source = await api.getSource(seed1);
    const cite = { sourceId: seed1, start: ann.start, end: ann.end, exact: PASSAGE, sha256: source.sha256, annotationId: ann.id, sourceTitle: source.title };
    await api.createNote({ title: 'From', doc: { type: 'doc', content: [{ type: 'quote', content: [{ type: 'text', text: `${PASSAGE} ` }, { type: 'citation', attrs: cite }] }] } });
    await l.reload();
    await showNotes(page);
    await page.getByRole('list', { name: 'Notes' }).getByRole('button', { name: /From/ }).click();
    await editor(page).locator('cite').waitFor();
    await editor(page).click();
    await page.keyboard.press('Control+a');
    const copied = await page.evaluate(() => {
      const dt = new DataTransfer();
      document.querySelector('.note-editor')!.dispatchEvent(new ClipboardEvent('copy', { bubbles: true, cancelable: true, clipboardData: dt }));
      return { html: dt.getData('text/html'), text: dt.getData('text/plain') };
    });
    assert.match(copied.html, /data-lectern-citation/);
    await newNote(page, 'To');
    await paste(page, { 'text/html': copied.html, 'text/plain': copied.text });
    const saved = await savedNote(l, 'To', (doc) => noteCitations(doc).length === 1);
    assert.deepEqual(noteCitations(saved.doc)[0], { annotationId: ann.id, sourceId: seed1, start: ann.start, end: ann.end, exact: PASSAGE });
    assert.equal(await editor(page).locator('blockquote.lectern-quote cite.lectern-citation').count(), 1);
  });
});

test('paste from outside is cleaned to the schema: nothing executable or foreign survives', async () => {
  await withLectern(async (l) => {
    const { page } = l;
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    const requests: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith('http://lectern.localhost/')) requests.push(r.url()); });
    await newNote(page, 'Pasted');
    const html = `<meta charset="utf-8"><style>p { color: red }</style>
      <h2 style="color:red" onclick="window.__pwned='h2'">Title <span style="font-size:40px">big</span></h2>
      <p style="background:url(https://evil.example/x.png)" class="x" id="y">Text <img src="https://evil.example/a.png" onerror="window.__pwned='img';alert('img')">
      <a href="javascript:window.__pwned='link';alert(1)">bad link</a> <a href=" JaVaScRiPt:alert(2)">bad 2</a>
      <a href="https://ok.example/page" onmouseover="window.__pwned='over'" target="_blank">good link</a>
      <b>bold</b> <font color="red">font</font></p>
      <iframe src="javascript:parent.__pwned='iframe'" srcdoc="<script>parent.__pwned='srcdoc'</script>"></iframe>
      <script>window.__pwned='script';alert('script')</script>
      <svg onload="window.__pwned='svg'"><circle r="5"/></svg>
      <object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y">
      <form action="https://evil.example"><input value="field"><button>btn</button></form>
      <ul><li style="color:red">item</li></ul>
      <cite data-lectern-citation data-source-id="" data-start="x">not a citation</cite>`;
    await paste(page, { 'text/html': html, 'text/plain': 'fallback' });
    await editor(page).locator('a[href="https://ok.example/page"]').waitFor();
    await page.waitForTimeout(300); // give any injected handler a chance to fire (it must not)
    const out = await editor(page).evaluate((el) => {
      const all = [...el.querySelectorAll('*')];
      return {
        html: el.innerHTML,
        tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))].sort(),
        attrs: [...new Set(all.flatMap((e) => [...e.attributes].map((a) => `${e.tagName.toLowerCase()}[${a.name}]`)))].sort(),
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      };
    });
    assert.equal(out.pwned, null, 'no injected code ran');
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.deepEqual(requests, [], 'nothing was fetched');
    for (const tag of ['img', 'iframe', 'script', 'style', 'svg', 'object', 'embed', 'form', 'input', 'button', 'font', 'span', 'meta']) {
      assert.ok(!out.tags.includes(tag), `no <${tag}> (${out.tags.join(',')})`);
    }
    assert.ok(!/javascript:/i.test(out.html), 'no javascript: URL');
    assert.ok(!/ on\w+=/i.test(out.html), 'no event handler attribute');
    assert.ok(!/style=|class="x"|id="y"|target=/.test(out.html), 'no inline style, foreign class, id or target');
    assert.ok(!out.tags.includes('cite'), 'a forged citation without a passage is not a citation');
    assert.ok(out.attrs.every((a) => /^(a\[(href|rel)\]|[a-z0-9]+\[(class|contenteditable|translate|role|aria-[a-z-]+|spellcheck|data-placeholder)\])$/.test(a) || a.startsWith('div[')), out.attrs.join(' '));
    const text = await editor(page).innerText();
    for (const kept of ['Title', 'big', 'Text', 'bad link', 'good link', 'bold', 'item']) assert.ok(text.includes(kept), kept);
    assert.match(out.html, /<h2>Title big<\/h2>/);
    assert.match(out.html, /<strong>bold<\/strong>/);
    const saved = await savedNote(l, 'Pasted', (_d, t) => t.includes('good link'));
    assert.ok(!JSON.stringify(saved.doc).includes('javascript'), 'nothing unsafe stored');
  });
});
