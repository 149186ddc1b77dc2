// Settings › Sync: server, database, user, password, test connection, sync now.
// The password goes to the back end once, which keeps it in the OS keychain;
// it is never shown again, only whether one is stored.
import { useEffect, useState } from 'preact/hooks';
import type { SyncConfig, SyncConfigInput } from '../../common/types.ts';

const api = () => window.lectern;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function SyncSettings() {
  const [config, setConfig] = useState<SyncConfig | null>(null);
  const [server, setServer] = useState('');
  const [database, setDatabase] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [continuous, setContinuous] = useState(true);
  const [allowInsecure, setAllowInsecure] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    void api().getSyncConfig().then((c) => {
      setConfig(c);
      if (c) {
        setServer(c.server); setDatabase(c.database); setUser(c.user); setContinuous(c.continuous); setAllowInsecure(c.allowInsecure);
      }
    });
  }, []);

  const input = (): SyncConfigInput => ({ server, database, user, continuous, allowInsecure, ...(password ? { password } : {}) });
  const run = async (what: () => Promise<string>) => {
    setWorking(true);
    setResult(null);
    try {
      setResult({ ok: true, text: await what() });
    } catch (e) {
      setResult({ ok: false, text: messageOf(e) });
    } finally {
      setWorking(false);
    }
  };
  const test = () => run(async () => {
    const r = await api().testSyncConnection(input());
    return [
      `Reached ${r.server}.`,
      r.databaseExists ? `Database "${r.database}" exists` : `Database "${r.database}" does not exist yet (the first sync creates it, if you may)`,
      r.libraryId === null ? (r.databaseExists ? 'and holds no library yet.' : '') : r.sameLibrary ? 'and holds this library.' : `and holds another library (${r.libraryId}).`,
      r.warning ?? '',
    ].filter(Boolean).join(' ');
  });
  const save = () => run(async () => {
    const saved = await api().setSyncConfig(input());
    setConfig(saved);
    setPassword('');
    const report = await api().syncNow();
    return `Saved. Synced: sent ${report.pushed}, received ${report.received}${report.conflicts ? `, ${report.conflicts} conflict(s)` : ''}.${report.warning ? ` ${report.warning}` : ''}`;
  });
  const off = () => run(async () => {
    await api().setSyncConfig(null);
    setConfig(null);
    return 'Sync is off. Nothing was deleted, here or on the server.';
  });

  const text = (label: string, value: string, set: (v: string) => void, props: Record<string, unknown> = {}) => (
    <label class="field">
      <span>{label}</span>
      <input value={value} onInput={(e) => set((e.target as HTMLInputElement).value)} {...props} />
    </label>
  );
  return (
    <fieldset class="sync-settings" aria-labelledby="sync-legend">
      <legend id="sync-legend">Sync</legend>
      <p class="muted">Sync this library with a CouchDB database: your other machines, or a team.</p>
      {text('Server', server, setServer, { type: 'url', placeholder: 'https://couch.example.org', autoComplete: 'url' })}
      {text('Database', database, setDatabase, { placeholder: 'team-corpus', spellcheck: false })}
      {text('User', user, setUser, { autoComplete: 'username', spellcheck: false })}
      {text('Password', password, setPassword, {
        type: 'password', autoComplete: 'current-password',
        placeholder: config?.hasPassword ? 'stored in the system keychain (type to change)' : '',
      })}
      <label class="check"><input type="checkbox" checked={continuous} onChange={(e) => setContinuous((e.target as HTMLInputElement).checked)} /> Sync continuously while Lectern is open</label>
      <label class="check"><input type="checkbox" checked={allowInsecure} onChange={(e) => setAllowInsecure((e.target as HTMLInputElement).checked)} /> Allow plain http to another machine (unencrypted)</label>
      <div class="row">
        <button type="button" disabled={working || !server || !database} onClick={() => void test()}>Test connection</button>
        <span class="spacer" />
        {config && <button type="button" class="danger" disabled={working} onClick={() => void off()}>Turn off</button>}
        <button type="button" class="primary" disabled={working || !server || !database} onClick={() => void save()}>Connect and sync</button>
      </div>
      {result && <p role="status" class={result.ok ? 'sync-result' : 'sync-result error'}>{result.text}</p>}
    </fieldset>
  );
}
