// ESLint flat config. Layer rules mirror the design: common/ is
// environment-free, the renderer talks to the back end only through
// window.lectern, and only the four shell files may import electron at run time.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only electron/main.ts, window.ts, menu.ts and preload.ts may import electron (Electron 42+ downloads its binary on first require). Use `import type` elsewhere.',
  allowTypeImports: true,
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['electron/main.ts', 'electron/window.ts', 'electron/menu.ts', 'electron/preload.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['common/**'],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'crypto', 'better-sqlite3', '**/db/**', '**/electron/**', '**/renderer/**'], message: 'common/ is environment-free: no Node, DOM-owning or Electron imports.' }],
      }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [{ group: ['node:*', 'fs', 'path', 'better-sqlite3', '**/db/**', '**/electron/**'], message: 'The renderer talks to the back end only through window.lectern.' }],
      }],
    },
  },
);
