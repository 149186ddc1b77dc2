import { ApiError } from '../common/types.ts';

/** The value, or the API's not-found error naming what was looked up. */
export function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw new ApiError('not-found', `No ${what} with id ${id}`);
  return value;
}
