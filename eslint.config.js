import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.vitals/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // Layer boundaries of docs/architecture.md: data flows one way.
  {
    files: ['src/geo/**/*.ts', 'src/score/**/*.ts', 'src/alerts/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['kysely', 'pg', '@electric-sql/pglite', 'bullmq', 'ioredis'].map((name) => ({
            name,
            message: 'Pure modules take inputs and asOf; SQL lives in src/store.',
          })),
          patterns: [
            {
              group: ['**/store/**', '**/github/**', '**/crawl/**', '**/runtime/**'],
              message: 'Pure modules do no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*/**', '!../shared/**'], message: 'src/shared imports nothing else from src/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/github/**/*.ts', 'src/store/**/*.ts', 'schema/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/sim/**', '**/crawl/**', '**/cli/**', '**/http/**', '**/jobs/**', '**/runtime/**'],
              message: 'Upstream layers never import downstream ones.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/github/**', '**/crawl/**', '**/store/**'],
              message: 'The simulator stands apart from production code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // A stray .only silently skips the rest of the suite.
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only' },
        { object: 'it', property: 'only' },
        { object: 'test', property: 'only' },
      ],
    },
  },
);
