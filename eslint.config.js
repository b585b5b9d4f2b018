import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'public/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/shared/*', '**/.library/*'], message: 'The project stands on its own.' }],
        },
      ],
    },
  },
  {
    // The one script that runs in the browser.
    files: ['src/app/assets/hearth.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Rules are pure: no database, no HTTP, no file system.
    files: ['src/**/rules.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'kysely',
                'pg',
                'better-sqlite3',
                'fastify',
                'node:fs',
                'fs',
                '**/store',
                '**/store.ts',
              ],
            },
          ],
        },
      ],
    },
  },
);
