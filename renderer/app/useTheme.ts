// The stylesheet knows one attribute, data-theme = light | dark; "system"
// follows the OS as it changes.
import { useLayoutEffect } from 'preact/hooks';
import type { Settings } from '../../common/types.ts';

/** Keeps <html data-theme> in step with the theme setting (and the OS, for "system"). */
export function useTheme(theme: Settings['theme']) {
  useLayoutEffect(() => {
    const root = document.documentElement;
    const os = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      root.dataset.theme = theme === 'system' ? (os.matches ? 'dark' : 'light') : theme;
    };
    apply();
    os.addEventListener('change', apply);
    return () => os.removeEventListener('change', apply);
  }, [theme]);
}
