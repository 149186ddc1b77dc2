// The CouchDB HTTP API, the part replication needs, over Node's fetch. Every
// answer is read with a size cap (a hostile or broken server cannot make us
// hold a 5 GB body), every request has a timeout, and every failure is a
// SyncError whose message names the server, the request and the reason. The
// password is sent in the Authorization header only and never appears in a
// message.
import { ApiError } from '../../common/types.ts';

/** The largest JSON answer read (a batch of documents; bisected below this). */
export const MAX_JSON_BYTES = 32 * 1024 * 1024;
/** The largest text attachment read: a source's text (imports stop at 50 MB files). */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;
/** The largest original file taken, as stored (imports stop at 50 MB files, and a stored original is never bigger than its file). */
export const MAX_ORIGINAL_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

export type SyncErrorCode = 'sync-unreachable' | 'sync-auth' | 'sync-forbidden' | 'sync-bad-answer' | 'sync-too-large'
  | 'sync-refused' | 'sync-config' | 'sync-missing';

export class SyncError extends ApiError {
  constructor(code: SyncErrorCode, message: string) {
    super(code, message);
    this.name = 'SyncError';
  }
}

export interface CouchTarget {
  /** Server URL without the database, e.g. https://couch.example.org:6984 */
  server: string;
  database: string;
  user: string;
  password: string;
}

export interface CouchRequest {
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Below the database (e.g. '_changes'), or absolute from the server root when it starts with '/'. */
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /** Largest answer read, bytes. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Statuses returned as {status} instead of thrown (404 for a missing document). */
  allow?: number[];
}

const trimSlash = (s: string): string => s.replace(/\/+$/, '');

/** Reads a body up to `max` bytes, then stops reading and refuses. */
async function readCapped(res: Response, max: number, what: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel();
    throw new SyncError('sync-too-large', `${what}: the answer is ${mb(declared)}, over the ${mb(max)} Lectern reads`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel();
        throw new SyncError('sync-too-large', `${what}: the answer is over the ${mb(max)} Lectern reads`);
      }
      chunks.push(Buffer.from(value));
    }
  }
  return Buffer.concat(chunks, size);
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export type Couch = ReturnType<typeof createCouch>;

export function createCouch(target: CouchTarget, fetchImpl: typeof fetch = fetch) {
  const server = trimSlash(target.server);
  const dbUrl = `${server}/${encodeURIComponent(target.database)}`;
  const auth = target.user ? `Basic ${Buffer.from(`${target.user}:${target.password}`).toString('base64')}` : undefined;

  const urlOf = (path: string, query?: CouchRequest['query']): string => {
    const base = path.startsWith('/') ? `${server}${path}` : `${dbUrl}/${path}`;
    if (!query) return base;
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    return `${base}?${qs}`;
  };

  async function send(req: CouchRequest, accept: string): Promise<Response> {
    const what = `${req.method ?? 'GET'} ${urlOf(req.path).replace(server, target.server)}`;
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetchImpl(urlOf(req.path, req.query), {
        method: req.method ?? 'GET',
        headers: {
          accept,
          ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(auth ? { authorization: auth } : {}),
        },
        body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
        signal,
        redirect: 'error',
      });
    } catch (err) {
      if (req.signal?.aborted) throw err;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const reason = timeout.aborted ? `no answer in ${TIMEOUT_MS / 1000} s` : cause?.code ?? cause?.message ?? (err as Error).message;
      throw new SyncError('sync-unreachable', `Cannot reach the sync server ${target.server} (${reason})`);
    }
    if (res.ok || req.allow?.includes(res.status)) return res;
    const text = (await readCapped(res, 64 * 1024, what).catch(() => Buffer.alloc(0))).toString('utf8');
    let reason = text.slice(0, 200);
    try {
      const parsed = JSON.parse(text) as { error?: string; reason?: string };
      reason = [parsed.error, parsed.reason].filter(Boolean).join(': ') || reason;
    } catch { /* not JSON: the text itself */ }
    if (res.status === 401) {
      throw new SyncError('sync-auth', `The sync server ${target.server} refused the user name or password${target.user ? ` for "${target.user}"` : ''} (401 ${reason})`);
    }
    if (res.status === 403) {
      throw new SyncError('sync-forbidden', `The sync server ${target.server} does not let ${target.user ? `"${target.user}"` : 'an anonymous user'} do this on database "${target.database}" (403 ${reason})`);
    }
    if (res.status === 404) throw new SyncError('sync-missing', `${what}: not found (${reason})`);
    throw new SyncError('sync-bad-answer', `${what}: the server answered ${res.status} (${reason})`);
  }

  async function json<T>(req: CouchRequest): Promise<T> {
    const what = `${req.method ?? 'GET'} ${req.path}`;
    const res = await send(req, 'application/json');
    const bytes = await readCapped(res, req.maxBytes ?? MAX_JSON_BYTES, `The sync server's answer to ${what}`);
    try {
      return JSON.parse(bytes.toString('utf8')) as T;
    } catch {
      const start = bytes.subarray(0, 60).toString('utf8').replace(/\s+/g, ' ');
      throw new SyncError('sync-bad-answer', `The sync server ${target.server} answered ${what} with something that is not JSON ("${start}…")`);
    }
  }

  return {
    target,
    /** `{status: 404}` for an allowed status, else the parsed answer. */
    json,
    async status(req: CouchRequest): Promise<number> {
      const res = await send(req, 'application/json');
      await res.body?.cancel();
      return res.status;
    },
    /** A raw attachment, capped. */
    async bytes(req: CouchRequest): Promise<Buffer | null> {
      const res = await send({ ...req, allow: [404] }, '*/*');
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      return readCapped(res, req.maxBytes ?? MAX_TEXT_BYTES, `The sync server's answer to GET ${req.path}`);
    },
  };
}
