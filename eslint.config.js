import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'server/migrations', 'web/shared/api-schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Row types come from the schema (docs/ARCHITECTURE.md, Data): modules query through the builder, or run a
    // raw statement that carries its row schema; an unchecked cast of raw rows is for tests only.
    files: ['server/src/modules/**/*.ts', 'server/src/demo/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/kernel/db/client.js'],
              importNames: ['queryRows'],
              message:
                'Use the query builder, or rawStatement + runRaw (kernel/db/raw.ts) with a row schema checked by a test.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read loosely-typed JSON answers; production code may not.
    files: ['**/*.test.ts', 'server/test/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
