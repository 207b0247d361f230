// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// process.env is read in one place per service (its zod-validated config, STYLE.md "Config");
// tooling and tests may read it directly.
const processEnvAllowed = [
  '**/src/config.ts',
  'packages/service-kit/src/config.ts',
  'scripts/**',
  'e2e/**',
  'playwright.config.ts',
  'vitest.config.ts',
  'frontend/vite.config.ts',
  '**/test/**',
  '**/drizzle.config.ts',
  'bench/**',
  'system/**',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'services/*/drizzle/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      // Composition roots declare `let server` before the shutdown closure that reads it, then assign it.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message:
            'Read configuration in src/config.ts (zod-validated) and pass it down; process.env is banned elsewhere.',
        },
      ],
    },
  },
  { files: processEnvAllowed, rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['scripts/**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['frontend/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Static page of the gateway (proxy/api-docs.js), plain browser script.
    files: ['proxy/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
);
