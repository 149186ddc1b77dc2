// The browser harness: the built renderer (dist/renderer) in Debian's Chromium
// through Playwright, bound to the real handler table over a SQLite database
// (exposeBinding -> dispatch) through the same transport the Electron preload
// exposes (common/bridge.ts ShellTransport), from which the renderer builds
// window.lectern. Used by the e2e tests, `npm run preview`,
// `npm run screenshots` and `npm run bench:reader`.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { API_METHODS, type ApiMethod, type LecternApi } from '../../common/api.ts';
import { TRANSPORT_GLOBAL, type MenuCommand } from '../../common/bridge.ts';
import type { ProgressEvent } from '../../common/types.ts';
import { openStore, type Store } from '../../db/store.ts';
import { createApi } from '../../electron/api.ts';
import { dispatch } from '../../electron/dispatch.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
/** The renderer's origin inside the harness (requests are answered by page.route, never the network). */
export const APP_ORIGIN = 'http://lectern.localhost';
export const APP_URL = `${APP_ORIGIN}/index.html`;
export const CHROMIUM = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium';

export interface LecternOptions {
  /** Where exports go (default: a temporary folder removed on close). */
  exportDir?: string;
  /** Database file; a temporary one (removed on close) when absent. */
  db?: string;
  /** Default true. */
  headless?: boolean;
  /** Viewport; default 1280x800. */
  viewport?: { width: number; height: number };
  /** Colour scheme the page reports to prefers-color-scheme. */
  colorScheme?: 'light' | 'dark';
  /** Load the app (default true); false leaves the page blank for callers that navigate themselves. */
  load?: boolean;
}

export interface Lectern {
  page: Page;
  browser: Browser;
  /** The real handler table the page talks to (for seeding and checking). */
  api: LecternApi;
  store: Store;
  dbPath: string;
  /** Where the browser shell "saves" exports: chooseSavePath(name) answers exportDir/name, as if the user accepted the default. */
  exportDir: string;
  /** The next save dialog is cancelled (chooseSavePath answers null). */
  cancelNextSave(): void;
  /**
   * Holds the next call of `method` from the page before it reaches the handler,
   * until release(): lets a test act while that call is known to be in flight.
   * `reached` resolves when the page has made the call.
   */
  holdNext(method: ApiMethod): { reached: Promise<void>; release(): void };
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Sends an application-menu command (common/bridge.ts MENU_COMMANDS) as the Electron menu would. */
  menu(command: MenuCommand): Promise<void>;
  /** Reloads the page and waits for the app to be ready. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.woff2': 'font/woff2', '.woff': 'font/woff', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/**
 * Runs in the page before any app script: defines the shell's transport
 * (common/bridge.ts ShellTransport) under its global name, as the Electron
 * preload does; renderer/bridge.ts builds window.lectern from it.
 */
function transportInit({ globalName, methods }: { globalName: string; methods: string[] }): void {
  type Json = unknown;
  const w = window as unknown as Record<string, unknown> & {
    __lecternCall(method: string, args: Json[]): Promise<Json>;
  };
  const toBase64 = (bytes: Uint8Array): string => {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  // Uint8Array cannot cross the binding as it is: tag it as base64, Node decodes it.
  const encode = (v: Json): Json => {
    if (v instanceof Uint8Array) return { __lecternBytes: toBase64(v) };
    if (Array.isArray(v)) return v.map(encode);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
    return v;
  };
  const known = new Set(methods);
  const progress = new Set<(e: Json) => void>();
  const menu = new Set<(c: string) => void>();
  const transport = {
    shell: 'browser',
    call: async (method: string, args: Json[]) => (known.has(method)
      ? w.__lecternCall(method, encode(args) as Json[])
      : { ok: false, error: { code: 'unknown-method', message: `No such method: ${method}` } }),
    pathForFile: () => '',
    onProgress(fn: (e: Json) => void) { progress.add(fn); return () => progress.delete(fn); },
    onMenuCommand(fn: (c: string) => void) { menu.add(fn); return () => menu.delete(fn); },
    chooseImportPaths: null,
  };
  Object.defineProperty(w, globalName, { value: Object.freeze(transport), writable: false, configurable: false });
  w.__lecternProgress = (e: Json) => { for (const fn of progress) fn(e); };
  w.__lecternMenu = (c: string) => { for (const fn of menu) fn(c); };
}

/** Node side of the binding: base64-tagged values back to Uint8Array. */
function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.__lecternBytes === 'string' && Object.keys(o).length === 1) {
      const b = Buffer.from(o.__lecternBytes, 'base64');
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
  }
  return v;
}

/** Waits until the app has rendered its shell (the main landmark). */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', undefined, { timeout: 15_000 });
}

export async function openLectern(options: LecternOptions = {}): Promise<Lectern> {
  if (!existsSync(join(RENDERER_DIR, 'app.js'))) throw new Error('dist/renderer is missing: run `npm run build` first');
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set LECTERN_CHROMIUM)`);
  const work = mkdtempSync(join(tmpdir(), 'lectern-e2e-'));
  const dbPath = options.db ?? join(work, 'lectern.db');
  const exportDir = options.exportDir ?? join(work, 'exports');
  const store = openStore(dbPath);
  const pageRef: { current: Page | null } = { current: null };
  const pushProgress = (event: ProgressEvent) => {
    pageRef.current?.evaluate((e) => (window as unknown as { __lecternProgress?: (e: unknown) => void }).__lecternProgress?.(e), event)
      .catch(() => { /* page closed or navigating */ });
  };
  let cancelSave = false;
  const api = createApi({
    store, onProgress: pushProgress,
    chooseSavePath: async (name) => {
      if (cancelSave) { cancelSave = false; return null; }
      return join(exportDir, name);
    },
  });

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: false,
  });
  const page = await context.newPage();
  pageRef.current = page;
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));

  // Serve dist/renderer; refuse everything else (the app must never reach out).
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== APP_ORIGIN) return route.abort('blockedbyclient');
    const rel = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)).replace(/^[/\\]+/, '');
    const file = join(RENDERER_DIR, rel);
    if (!file.startsWith(RENDERER_DIR + sep) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, body: readFileSync(file), headers: { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' } });
  });

  const holds = new Map<string, { arrive(): void; released: Promise<void> }>();
  await page.exposeBinding('__lecternCall', async (_source, method: string, args: unknown[]) => {
    const hold = holds.get(method);
    if (hold) {
      holds.delete(method);
      hold.arrive();
      await hold.released;
    }
    return dispatch(api, method, decode(args) as unknown[]);
  });
  await page.addInitScript(transportInit, { globalName: TRANSPORT_GLOBAL, methods: API_METHODS as string[] });

  if (options.load ?? true) {
    await page.goto(APP_URL);
    await waitForApp(page);
  }

  const p = page;
  return {
    page: p, browser, api, store, dbPath, exportDir, errors,
    cancelNextSave() { cancelSave = true; },
    holdNext(method) {
      let arrive!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((r) => { arrive = r; });
      const released = new Promise<void>((r) => { release = r; });
      holds.set(method, { arrive, released });
      return { reached, release };
    },
    async menu(command) {
      await p.evaluate((c) => (window as unknown as { __lecternMenu(c: string): void }).__lecternMenu(c), command);
    },
    async reload() {
      await p.reload();
      await waitForApp(p);
    },
    async close() {
      await browser.close().catch(() => {});
      store.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export interface WithLecternOptions extends LecternOptions {
  /** Console or page errors this test expects; by default any error fails the test. */
  allowErrors?: boolean;
}

/**
 * Opens Lectern, runs the test body with it, checks that the page logged no
 * error (unless allowErrors), and always closes it: the open/try/finally every
 * browser test needs, written once.
 */
export async function withLectern<T>(body: (l: Lectern) => Promise<T>): Promise<T>;
export async function withLectern<T>(options: WithLecternOptions, body: (l: Lectern) => Promise<T>): Promise<T>;
export async function withLectern<T>(
  a: WithLecternOptions | ((l: Lectern) => Promise<T>),
  b?: (l: Lectern) => Promise<T>,
): Promise<T> {
  const [options, body] = typeof a === 'function' ? [{}, a] : [a, b!];
  const l = await openLectern(options);
  try {
    const result = await body(l);
    if (!options.allowErrors && l.errors.length > 0) {
      throw new Error(`the page logged errors:\n${l.errors.join('\n')}`);
    }
    return result;
  } finally {
    await l.close();
  }
}
