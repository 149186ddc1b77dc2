// A server database restored from an older backup looks like the same library
// (its marker is there) but has forgotten what was written since the backup.
// Left alone, this library would never send those changes again (its outbox
// is empty) and would read from a checkpoint past the server's new changes.
// Three signs, checked at every handshake:
// - the server's sequence is behind the checkpoint this library read up to;
// - revisions this library knows the server had (the last few it sent or
//   read: its "witnesses") are missing there;
// - the marker's epoch is not the one this library last saw: another machine
//   noticed a restore (and wrote a new epoch), or the server went back to
//   before an epoch was written.
// The recovery loses nothing: every record and document goes to the outbox
// (_revs_diff sends only what the server lacks), the server's changes are read
// again from the start (revisions known here are skipped, and a revision older
// than ours never replaces ours), and nothing is deleted here.
import { randomUUID } from 'node:crypto';
import type { Store } from '../../db/store.ts';
import { SyncError, type Couch } from './couch.ts';
import { LIBRARY_DOC_ID } from './kinds.ts';

/** How many recent revisions are kept as witnesses. */
const WITNESSES = 16;

export interface Witness { docId: string; rev: string }

/** The counter in a CouchDB update sequence (a number, or "N-opaque" since CouchDB 2), or null. */
export function seqNumber(seq: unknown): number | null {
  if (typeof seq === 'number' && Number.isFinite(seq)) return seq;
  if (typeof seq === 'string') {
    const m = /^(\d+)(?:-|$)/.exec(seq);
    return m ? Number(m[1]) : null;
  }
  return null;
}

const witnessKey = (remoteKey: string) => `witness:${remoteKey}`;
const epochKey = (remoteKey: string) => `epoch:${remoteKey}`;
export const checkpointKey = (remoteKey: string) => `pull_since:${remoteKey}`;

export const restoredMessage = (server: string, database: string, why: string): string =>
  `${server}/${database} was restored from an older backup (${why}): nothing was deleted here; `
  + 'what the server lacked was sent again and its changes are read again from the start.';

/** Remembers revisions the server holds now (sent or read), newest first. */
export function rememberWitnesses(store: Store, remoteKey: string, seen: readonly Witness[]): void {
  if (seen.length === 0) return;
  const { changes } = store;
  const old = JSON.parse(changes.state(witnessKey(remoteKey)) ?? '[]') as Witness[];
  const fresh = [...seen].reverse().slice(0, WITNESSES);
  const ids = new Set(fresh.map((w) => w.docId));
  changes.setState(witnessKey(remoteKey), JSON.stringify([...fresh, ...old.filter((w) => !ids.has(w.docId))].slice(0, WITNESSES)));
}

/** The epoch a marker names (none before this check existed). */
export const newEpoch = (): string => randomUUID();

export function adoptEpoch(store: Store, remoteKey: string, epoch: string): void {
  store.changes.setState(epochKey(remoteKey), epoch);
}

interface MarkerSeen { _rev?: string; epoch?: unknown; [k: string]: unknown }

/** Why a database looks restored; `byOther` when another machine found it so and wrote the epoch. */
export interface Restored { why: string; byOther: boolean }

/**
 * Why this database looks restored from an older backup, or null. `marker`
 * is the library marker as read; `updateSeq` the database's update_seq.
 */
export async function restoredBecause(store: Store, couch: Couch, remoteKey: string, marker: MarkerSeen, updateSeq: unknown): Promise<Restored | null> {
  const { changes } = store;
  const knownEpoch = changes.state(epochKey(remoteKey));
  const serverEpoch = typeof marker.epoch === 'string' ? marker.epoch : null;
  if (knownEpoch !== undefined && serverEpoch !== knownEpoch) {
    return serverEpoch === null
      ? { why: 'its library marker is older than the one this library saw', byOther: false }
      : { why: 'another machine found it restored', byOther: true };
  }
  const saved = changes.state(checkpointKey(remoteKey));
  const since = saved === undefined ? null : seqNumber(JSON.parse(saved));
  const now = seqNumber(updateSeq);
  if (since !== null && now !== null && now < since) return { why: `its sequence went back from ${since} to ${now}`, byOther: false };
  const witnesses = JSON.parse(changes.state(witnessKey(remoteKey)) ?? '[]') as Witness[];
  if (witnesses.length > 0) {
    const ask: Record<string, string[]> = {};
    for (const w of witnesses) (ask[w.docId] ??= []).push(w.rev);
    const answer = await couch.json<Record<string, { missing?: string[] }>>({ method: 'POST', path: '_revs_diff', body: ask });
    const missing = Object.values(answer ?? {}).reduce((n, e) => n + (e?.missing?.length ?? 0), 0);
    if (missing > 0) return { why: `${missing} of the last ${witnesses.length} revisions it held are missing there`, byOther: false };
  }
  return null;
}

/**
 * Everything goes to the server again and its changes are read from the
 * start; the revisions it was known to hold are forgotten (it lost them), so a
 * resend cut short is not taken for a restore from backup next time.
 */
export function resetForResend(store: Store, remoteKey: string): void {
  const { changes } = store;
  changes.enqueueAll();
  changes.dropState(checkpointKey(remoteKey));
  changes.dropState(witnessKey(remoteKey));
}

/**
 * The recovery: a new epoch on the server (so the other machines notice too),
 * everything queued to go again, the server's changes read from the start.
 */
export async function recoverFromRestore(store: Store, couch: Couch, remoteKey: string, marker: MarkerSeen, message: string, announce: boolean): Promise<void> {
  const { changes } = store;
  let epoch = typeof marker.epoch === 'string' ? marker.epoch : null;
  if (announce || epoch === null) {
    epoch = newEpoch();
    const { _rev, ...body } = marker;
    try {
      await couch.json({ method: 'PUT', path: encodeURIComponent(LIBRARY_DOC_ID), body: { ...body, _rev, epoch } });
    } catch (err) {
      if (!(err instanceof SyncError) || !/409|conflict/i.test(err.message)) throw err;
      // another machine announced it at the same moment: take its epoch
      const now = await couch.json<MarkerSeen>({ path: encodeURIComponent(LIBRARY_DOC_ID) });
      epoch = typeof now.epoch === 'string' ? now.epoch : epoch;
    }
  }
  store.write(() => {
    resetForResend(store, remoteKey);
    changes.setState(epochKey(remoteKey), epoch!);
    changes.notice(LIBRARY_DOC_ID, 'restored', message);
  });
}
