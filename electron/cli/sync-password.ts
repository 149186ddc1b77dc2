// The CLI's sync password: $LECTERN_SYNC_PASSWORD, or asked for on the
// terminal (not echoed). It is never stored: the desktop app keeps its own in
// the OS keychain.
import { createInterface } from 'node:readline';
import type { SyncCredentials } from '../sync/service.ts';

export const PASSWORD_ENV = 'LECTERN_SYNC_PASSWORD';

async function ask(prompt: string): Promise<string | null> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stderr.write(prompt);
  out._writeToOutput = () => {}; // no echo
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

export function cliSyncCredentials(env: NodeJS.ProcessEnv): SyncCredentials {
  let asked: string | null | undefined;
  return {
    async get() {
      if (env[PASSWORD_ENV] !== undefined) return env[PASSWORD_ENV]!;
      asked ??= await ask('Sync password: ');
      return asked;
    },
    async has() { return env[PASSWORD_ENV] !== undefined; },
    async set() { /* the CLI keeps no password */ },
  };
}
