// Lint rules. The import restrictions guard the boundaries in STYLE.md; each names the right module.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'test-artifacts/**',
      'bench/results/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http'],
              message: 'core is pure: no I/O. Put I/O in server/.',
            },
            {
              group: [
                '@konbit/server',
                '@konbit/web',
                '@konbit/cli',
                'kysely',
                'better-sqlite3',
                'fastify',
              ],
              message: 'core depends on nothing of ours: server, web and cli depend on core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/sw/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@konbit/server', '@konbit/server/*', '**/server/src/**'],
              message:
                'The web app must not import the server: use the API through web/src/api/client.ts and schemas from @konbit/core.',
            },
            { group: ['@konbit/cli'], message: 'The web app must not import the CLI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*.test.ts', 'server/src/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@konbit/cli', '@konbit/web', '**/web/src/**'],
              message: 'The server depends on core only: core ← server ← cli.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/*', '**/*.repository.js', 'kysely'],
              message:
                'Routes parse, call one service and present: SQL belongs in <concept>.repository.ts, called from <concept>.service.ts.',
            },
            {
              group: ['@konbit/cli', '@konbit/web', '**/web/src/**'],
              message: 'The server depends on core only: core ← server ← cli.',
            },
          ],
        },
      ],
    },
  },
);
