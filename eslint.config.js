import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-subpath',
      'dist-bench',
      'dev-dist',
      'bench-results',
      'node_modules',
      'test-results',
      'playwright-report',
      'public/sample',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // src/core runs in workers and in Node tests: no React, no DOM, no UI-side Dexie hooks.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'react', message: 'src/core must stay free of React.' },
            { name: 'react-dom', message: 'src/core must stay free of React.' },
            { name: 'dexie-react-hooks', message: 'UI hooks belong in src/app.' },
            { name: 'echarts', message: 'Charts belong in src/charts.' },
          ],
          patterns: [
            { group: ['react/*', 'react-dom/*'], message: 'src/core must stay free of React.' },
            {
              group: ['**/app/**', '**/charts/**', '**/client/**'],
              message: 'src/core must not import UI code.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage'],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}', 'src/client/**/*.ts', 'src/charts/**/*.{ts,tsx}', 'src/main.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  { files: ['workers/**/*.ts'], languageOptions: { globals: { ...globals.worker } } },
  {
    files: [
      'e2e/**/*.{ts,mjs}',
      'scripts/**/*.mjs',
      'bench/**/*.{ts,mjs}',
      '*.config.{ts,js}',
      'src/core/**/*.test.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
