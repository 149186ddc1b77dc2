// ESLint flat config. Layer rules mirror the design (and test/unit/shell.test.ts
// checks the same on the import graph): common/ is environment-free, db/ knows
// nothing of electron/ or the renderer, the renderer talks to the back end only
// through window.lectern, only electron/shell/** may import electron at run
// time, and the services in electron/ never import the shell.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only electron/shell/** may import electron (Electron 42+ downloads its binary on first require). Use `import type` elsewhere.',
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
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name='transaction']",
        message: 'Write through store.write(fn) (db/write.ts): every write transaction must start IMMEDIATE, or another process makes it fail with SQLITE_BUSY.',
      }],
    },
  },
  {
    // the one place transactions are begun; benchmarks' bare baselines are single-process
    files: ['db/write.ts', 'bench/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['electron/**'],
    ignores: ['electron/shell/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [{ group: ['**/shell/**', '**/renderer/**'], message: 'The services in electron/ are used by every shell; they never import electron/shell/ or the renderer.' }],
      }],
    },
  },
  {
    files: ['electron/cli/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [
          { group: ['**/shell/**', '**/renderer/**'], message: 'The services in electron/ are used by every shell; they never import electron/shell/ or the renderer.' },
          { group: ['**/db/**', '**/export/**', '**/import-service*', '**/api.ts'], allowTypeImports: true, message: 'CLI commands get only the validated handler table (CommandContext.api), never the store or a service.' },
        ],
      }],
    },
  },
  {
    files: ['electron/shell/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'db/ is the store: it knows nothing of the services, shells or UI above it.' }],
      }],
    },
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
