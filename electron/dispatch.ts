// The one gate every transport goes through: the method must be in the
// contract, its arguments must validate, and every failure comes back in one
// shape {code, message}.
import { z } from 'zod';
import { API_ARGS, API_METHODS, type ApiMethod, type LecternApi } from '../common/api.ts';
import type { BridgeResult } from '../common/bridge.ts';
import { ApiError, type ApiErrorShape } from '../common/types.ts';
import { libraryFailure } from '../db/write.ts';
import { BUSY_TIMEOUT_MS } from '../db/open.ts';

const known = new Set<string>(API_METHODS);

export const isApiMethod = (name: string): name is ApiMethod => known.has(name);

export function toErrorShape(err: unknown): ApiErrorShape {
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  if (err instanceof z.ZodError) {
    return { code: 'invalid-arguments', message: err.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ') };
  }
  // a read that met a damaged page, a lock not had in time: the library's own codes
  const library = libraryFailure(err, BUSY_TIMEOUT_MS);
  if (library) return { code: library.code, message: library.message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

export async function dispatch(api: LecternApi, method: string, args: unknown[]): Promise<BridgeResult> {
  try {
    if (!isApiMethod(method)) throw new ApiError('unknown-method', `No such method: ${method}`);
    const parsed = API_ARGS[method].parse(args) as unknown[];
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, value: await fn.apply(api, parsed) };
  } catch (err) {
    return { ok: false, error: toErrorShape(err) };
  }
}

/**
 * The handler table with every call validated against API_ARGS first, exactly
 * as dispatch does: for callers in this process (the CLI).
 */
export function validated(api: LecternApi): LecternApi {
  const table: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    table[method] = async (...args) => fn.apply(api, API_ARGS[method].parse(args) as unknown[]);
  }
  return table as unknown as LecternApi;
}
