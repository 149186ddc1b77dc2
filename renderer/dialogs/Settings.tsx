import { useState } from 'preact/hooks';
import type { PageSize, Settings, Theme } from '../../common/types.ts';
import { Dialog } from './Dialog.tsx';
import { SyncSettings } from '../sync/SyncSettings.tsx';

export function SettingsDialog({ settings, onSave, onClose }: { settings: Settings; onSave(p: Partial<Settings>): void; onClose(): void }) {
  const [authorName, setAuthor] = useState(settings.authorName);
  const [pageSize, setPageSize] = useState<PageSize>(settings.pageSize);
  const [theme, setTheme] = useState<Theme>(settings.theme);
  return (
    <Dialog title="Settings" onClose={onClose}>
      <form class="settings" onSubmit={(e) => { e.preventDefault(); onSave({ authorName: authorName.trim(), pageSize, theme }); }}>
        <label class="field">
          <span>Author name</span>
          <input type="text" value={authorName} onInput={(e) => setAuthor((e.target as HTMLInputElement).value)} />
          <small class="muted">Used in exports, and on your annotations and notes in a shared library.</small>
        </label>
        <label class="field">
          <span>Page size</span>
          <select value={pageSize} onChange={(e) => setPageSize((e.target as HTMLSelectElement).value as PageSize)}>
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
        </label>
        <label class="field">
          <span>Theme</span>
          <select value={theme} onChange={(e) => setTheme((e.target as HTMLSelectElement).value as Theme)}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <div class="row"><span class="spacer" /><button type="button" onClick={onClose}>Cancel</button><button type="submit" class="primary">Save</button></div>
      </form>
      <SyncSettings />
    </Dialog>
  );
}
