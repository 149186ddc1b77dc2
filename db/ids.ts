import { randomUUID } from 'node:crypto';

/** Random UUIDs: unique across all tables, usable as urn:uuid: ids. */
export const newId = (): string => randomUUID();
export const now = (): string => new Date().toISOString();
