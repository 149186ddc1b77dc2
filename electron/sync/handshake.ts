// Before anything moves: is the server one we may talk to this way, does the
// database exist (or may we create it), and does it hold this library in a
// format we know? A database holds one library, named by the marker document
// `lectern:library`. A database holding another library, or written by a
// newer Lectern, is refused with a message that says so, before any change.
import type { Store } from '../../db/store.ts';
import { SyncError, type Couch } from './couch.ts';
import { LIBRARY_DOC_ID, SYNC_SCHEMA } from './kinds.ts';
import { adoptEpoch, newEpoch, recoverFromRestore, resetForResend, restoredBecause, restoredMessage } from './restore.ts';

export interface Marker { libraryId: string; syncSchema: number; createdAt?: string; epoch?: string }

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Whether a server URL may be used: https, or http to this machine only. Plain
 * http elsewhere sends the password and every text unencrypted; it is refused
 * unless the researcher allowed it, and then warned about at every sync.
 */
export function checkServerUrl(server: string, allowInsecure = false): { warning: string | null } {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new SyncError('sync-config', `"${server}" is not a server URL (for example https://couch.example.org:6984)`);
  }
  if (url.username || url.password) {
    throw new SyncError('sync-config', 'Put the user name and password in their own fields, not in the server URL');
  }
  if (url.protocol === 'https:') return { warning: null };
  if (url.protocol !== 'http:') throw new SyncError('sync-config', `${url.protocol} is not a protocol for a CouchDB server: use https://`);
  if (LOCAL_HOSTS.has(url.hostname) || /^127\./.test(url.hostname)) return { warning: null };
  const warning = `${url.host} is reached over plain http: the password and every text travel unencrypted. Use https://.`;
  if (!allowInsecure) throw new SyncError('sync-config', `${warning} (Plain http is allowed only to this machine, unless you allow it explicitly.)`);
  return { warning };
}

export interface Handshake {
  remoteKey: string;
  libraryId: string;
  /** Set when this library was just bound (first sync with this database). */
  joined: 'created' | 'joined' | null;
  /** The database had lost what this library sent it: everything goes again. */
  resent: boolean;
  /** The database was restored from an older backup (electron/sync/restore.ts): what was found, and done. */
  restored: string | null;
}

export const remoteKeyOf = (server: string, database: string): string => `${new URL(server).origin}/${database}`;

export async function handshake(store: Store, couch: Couch, options: { join?: boolean; createDatabase?: boolean } = {}): Promise<Handshake> {
  const { changes } = store;
  const { server, database } = couch.target;
  const remoteKey = remoteKeyOf(server, database);
  const boundKey = `bound:${remoteKey}`;
  const ours = changes.state('library_id')!;

  const info = await couch.json<{ db_name?: string; error?: string; update_seq?: unknown }>({ path: '', allow: [404] });
  if (info.error === 'not_found') {
    if (options.createDatabase === false) throw new SyncError('sync-missing', `The server has no database "${database}"`);
    try {
      await couch.json({ method: 'PUT', path: '' });
    } catch (err) {
      if (err instanceof SyncError && (err.code === 'sync-auth' || err.code === 'sync-forbidden')) {
        throw new SyncError(err.code, `The server has no database "${database}", and ${couch.target.user || 'this user'} may not create it: ask its administrator to create it and add you as a member`);
      }
      throw err;
    }
  } else if (typeof info.db_name !== 'string') {
    throw new SyncError('sync-bad-answer', `${server}/${database} does not answer like a CouchDB database`);
  }

  const marker = await couch.json<Partial<Marker> & { error?: string; _rev?: string }>({ path: encodeURIComponent(LIBRARY_DOC_ID), allow: [404] });
  const writeMarker = async (libraryId: string) => {
    const epoch = newEpoch();
    await couch.json({ method: 'PUT', path: encodeURIComponent(LIBRARY_DOC_ID), body: { type: 'library', libraryId, syncSchema: SYNC_SCHEMA, createdAt: new Date().toISOString(), epoch } });
    adoptEpoch(store, remoteKey, epoch);
  };

  if (marker.error === 'not_found') {
    const wasBound = changes.state(boundKey) !== undefined;
    await writeMarker(ours);
    changes.setState(boundKey, ours);
    // the database was emptied or made anew: send everything again, read it from the start
    if (wasBound) store.write(() => resetForResend(store, remoteKey));
    return { remoteKey, libraryId: ours, joined: wasBound ? null : 'created', resent: wasBound, restored: null };
  }

  if (typeof marker.libraryId !== 'string' || typeof marker.syncSchema !== 'number') {
    throw new SyncError('sync-bad-answer', `${server}/${database} has a "${LIBRARY_DOC_ID}" document Lectern does not understand`);
  }
  if (marker.syncSchema > SYNC_SCHEMA) {
    throw new SyncError('sync-refused', `${server}/${database} holds a library written by a newer Lectern (sync format ${marker.syncSchema}; this Lectern knows ${SYNC_SCHEMA}). Update Lectern to sync with it. Nothing was changed.`);
  }
  if (marker.libraryId === ours) {
    changes.setState(boundKey, ours);
    const restored = await restoredBecause(store, couch, remoteKey, marker, info.update_seq);
    if (restored === null) {
      if (typeof marker.epoch === 'string') adoptEpoch(store, remoteKey, marker.epoch);
      return { remoteKey, libraryId: ours, joined: null, resent: false, restored: null };
    }
    const message = restoredMessage(server, database, restored.why);
    await recoverFromRestore(store, couch, remoteKey, marker, message, !restored.byOther);
    return { remoteKey, libraryId: ours, joined: null, resent: true, restored: message };
  }
  const everBound = changes.everBound();
  if (!everBound && (changes.libraryIsEmpty() || options.join)) {
    // a new machine (or a library the researcher chose to merge in) joins that library
    store.write(() => {
      changes.setState('library_id', marker.libraryId!);
      changes.setState(boundKey, marker.libraryId!);
      if (typeof marker.epoch === 'string') adoptEpoch(store, remoteKey, marker.epoch);
    });
    return { remoteKey, libraryId: marker.libraryId, joined: 'joined', resent: false, restored: null };
  }
  throw new SyncError('sync-refused', everBound
    ? `${server}/${database} holds another library (${marker.libraryId}) than this one (${ours}): it was replaced, or this is the wrong database. Nothing was changed.`
    : `${server}/${database} holds another library (${marker.libraryId}). This library is not empty: to merge it into that one, sync with --join (Settings › Sync: "Merge into it"). Nothing was changed.`);
}
