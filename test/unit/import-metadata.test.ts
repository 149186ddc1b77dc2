import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractMetadata, parseDate, shorten } from '../../electron/import/metadata.ts';
import { codePointLength } from '../../common/offsets.ts';
import { SEED_000, SEED_001 } from '../helpers/tmp.ts';

test('seed 000: title is the first sentence after the date marker, cut with an ellipsis; date 2024-03-30', () => {
  const meta = extractMetadata(readFileSync(SEED_000, 'utf8'), basename(SEED_000));
  assert.ok(meta.title.startsWith('THE Kremlin security services'), meta.title);
  assert.ok(meta.title.endsWith('…'));
  assert.ok(codePointLength(meta.title) <= 100);
  assert.equal(meta.title, 'THE Kremlin security services were aware of the ISIS threat days before the attack on Crocus City…');
  assert.equal(meta.published, '2024-03-30');
});

test('seed 001: title is its first line', () => {
  const text = readFileSync(SEED_001, 'utf8');
  const meta = extractMetadata(text, basename(SEED_001));
  assert.equal(meta.title, text.split('\n')[0]);
  assert.equal(meta.title, 'Russia’s security services knew of ISIS threat before concert attack, new evidence from investigative body suggests');
  assert.equal(meta.published, null);
});

test('Markdown front matter gives title, date, publisher, url and byline', () => {
  const text = '---\ntitle: "Notes: a field trip"\ndate: 2023-11-05T10:00:00Z\npublisher: The Daily\nurl: https://example.org/a\nauthors:\n  - Ann Lee\n  - Bo Chen\n---\n# Another heading\n\nBody.\n';
  assert.deepEqual(extractMetadata(text, 'trip.md'), {
    title: 'Notes: a field trip', published: '2023-11-05', publisher: 'The Daily', url: 'https://example.org/a', byline: 'Ann Lee, Bo Chen',
  });
});

test('Markdown: the first heading (ATX or setext, not inside code) when front matter has no title', () => {
  assert.equal(extractMetadata('---\nauthor: X\n---\nIntro line\n\n## The *real* `title`\n\n# Later\n', 'a.md').title, 'The real title');
  assert.equal(extractMetadata('```\n# not a heading\n```\n\nUnderlined\n==========\n', 'b.MARKDOWN').title, 'Underlined');
  // In a .txt file a '#' line is just a first line.
  assert.equal(extractMetadata('# Plain\n\nbody', 'c.txt').title, '# Plain');
});

test('a first line of at most 150 characters followed by a blank line is the title', () => {
  const exact = 'x'.repeat(150);
  assert.equal(extractMetadata(`${exact}\n\nbody text.`, 'a.txt').title, exact);
  // 151 characters: not a headline, so the first sentence is cut to 100.
  const long = 'x'.repeat(151);
  assert.equal(extractMetadata(`${long}\n\nbody`, 'a.txt').title, 'x'.repeat(99) + '…');
  // Not followed by a blank line: the first sentence of the paragraph instead.
  assert.equal(extractMetadata('Short start of a paragraph\nthat goes on. Then more.', 'a.txt').title, 'Short start of a paragraph that goes on.');
});

test('the first sentence is cut at a word boundary to at most 100 code points', () => {
  const sentence = 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega.';
  const title = extractMetadata(sentence + ' Second sentence.', 'greek.txt').title;
  assert.equal(title, 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau…');
  assert.ok(codePointLength(title) <= 100);
  // Astral characters count as one each.
  const emoji = '😀'.repeat(120);
  assert.equal(codePointLength(shorten(emoji, 100)), 100);
  assert.equal(shorten('short', 100), 'short');
});

test('Date: lines and date markers; invalid dates are ignored', () => {
  assert.equal(extractMetadata('Headline\nDate: 30 March 2024\n\nBody.', 'a.txt').published, '2024-03-30');
  assert.equal(extractMetadata('Date: Sat, 30 Mar 2024 10:00:00 +0000\nHeadline\n\nBody.', 'a.txt').title, 'Headline');
  assert.equal(extractMetadata('date 2024-02-30 Something happened.', 'a.txt').published, null);
  assert.equal(parseDate('March 30, 2024'), '2024-03-30');
  assert.equal(parseDate('2024/3/9'), '2024-03-09');
  assert.equal(parseDate('Mayday 3, 2020'), null);
  assert.equal(parseDate('yesterday'), null);
});

test('the file name (without extension) is the title of last resort', () => {
  assert.equal(extractMetadata('date 2024-01-01', 'Interview notes.TXT').title, 'Interview notes');
  assert.equal(extractMetadata('date 2024-01-01', 'Interview notes.TXT').published, '2024-01-01');
});

test('an HTML page saved as .txt is titled from its <title>, its first <h1>, or its file name; a title never starts with markup', () => {
  const page = (head: string, body: string) => `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">${head}</head>\n<body>${body}</body></html>\n`;
  assert.equal(extractMetadata(page('<title>Crocus City Hall: what we know &amp; what we don&#39;t</title>', '<p>x</p>'), 'saved.txt').title,
    'Crocus City Hall: what we know & what we don\'t');
  assert.equal(extractMetadata(page('', '<h1 class="headline">Four <em>suspects</em> in court</h1><p>Body.</p>'), 'saved.txt').title, 'Four suspects in court');
  assert.equal(extractMetadata(page('<style>h1{}</style>', '<div>No heading here.</div>'), 'crocus-page.txt').title, 'crocus-page');
  assert.equal(extractMetadata('<!-- saved from url=(0042)https://example.org -->\n<html><body>Hi</body></html>', 'x.txt').title, 'x');
  // not a page, but the first line is a tag: its text, never the markup
  assert.equal(extractMetadata('<b>Breaking:</b> suspects detained\n\nBody text.\n', 'note.txt').title, 'Breaking: suspects detained');
  assert.equal(extractMetadata('<br>\n\nBody text.\n', 'empty-line.txt').title, 'empty-line');
  for (const t of ['<!DOCTYPE html><html><head></head><body></body></html>', '<?xml version="1.0"?><rss></rss>']) {
    assert.doesNotMatch(extractMetadata(t, 'a.txt').title, /^</);
  }
});
