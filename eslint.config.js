// Lint for code quality; the layer rules of DESIGN.md are checked by src/architecture.test.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/.work/', '.scratch/', 'src/**/fixtures/**', 'src/analysis/rules/*/samples/**', 'test/**/__snapshots__/**', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,ts}'],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'performance', 'Buffer', 'setTimeout', 'clearTimeout', 'setImmediate', 'structuredClone'].map((g) => [g, 'readonly']),
      ),
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Only the CLI talks to the process; everything below takes what it needs as arguments.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**', '**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'process belongs to src/cli/ only (DESIGN.md)' }],
      'no-console': 'error',
    },
  },
);
