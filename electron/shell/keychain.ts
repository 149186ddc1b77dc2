// The sync password in the OS keychain, through Electron's safeStorage: the
// password is encrypted with a key the OS keeps (Keychain on macOS, DPAPI on
// Windows, libsecret/kwallet on Linux) and the ciphertext lives in a file in
// the user-data folder, never in the library or a log. Where the OS offers no
// real key store (Linux without a keyring: safeStorage's "basic_text"
// backend), nothing is written and the password lasts for the session only.
import { safeStorage } from 'electron';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { SyncCredentials } from '../sync/service.ts';

export function keychainCredentials(file: string): SyncCredentials {
  let session: string | null = null;
  const secure = () => safeStorage.isEncryptionAvailable()
    && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  return {
    async get() {
      if (session !== null) return session;
      try {
        return safeStorage.decryptString(readFileSync(file));
      } catch {
        return null;
      }
    },
    async has() { return session !== null || (await this.get()) !== null; },
    async set(password) {
      session = null;
      rmSync(file, { force: true });
      if (password === null) return;
      if (secure()) writeFileSync(file, safeStorage.encryptString(password), { mode: 0o600 });
      else session = password;
    },
  };
}
