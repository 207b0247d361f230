// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// process.env is read in one place per service: its zod-validated src/config.ts, parsed by the kit's
// config reader. Tooling and tests may read it directly.
const processEnvAllowed = [
  'packages/service-kit/src/config.ts',
  'services/*/src/config.ts',
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

// Every spelling of "the environment": process.env.X, process.env['X'], process['env'], globalThis.process.env,
// const { env } = process, ({ env } = process), const { process: { env } } = globalThis, and an alias of process.
// scripts/test/boundary-rules.test.ts lints each of them.
const ENV_MESSAGE =
  'Read configuration in src/config.ts (zod-validated) and pass it down; process.env is banned elsewhere.';
const isProcess = (key) =>
  `:matches([${key}.name='process'], [${key}.property.name='process'], [${key}.property.value='process'])`;
const named = (key, name) => `:matches([${key}.name='${name}'][computed!=true], [${key}.value='${name}'])`;
const processEnvSelectors = [
  `MemberExpression${isProcess('object')}${named('property', 'env')}`,
  `MemberExpression${isProcess('object')}[property.type='TemplateLiteral'][property.quasis.0.value.cooked='env']`,
  `VariableDeclarator${isProcess('init')} > ObjectPattern > Property${named('key', 'env')}`,
  `AssignmentExpression${isProcess('right')} > ObjectPattern > Property${named('key', 'env')}`,
  `Property${named('key', 'process')} > ObjectPattern > Property${named('key', 'env')}`,
];
const processEnvRules = {
  'no-restricted-syntax': [
    'error',
    ...processEnvSelectors.map((selector) => ({ selector, message: ENV_MESSAGE })),
    {
      selector: `VariableDeclarator[id.type='Identifier']${isProcess('init')}`,
      message: `An alias of process is a way round the process.env rule. ${ENV_MESSAGE}`,
    },
  ],
  'no-restricted-imports': [
    'error',
    ...['process', 'node:process'].map((name) => ({
      name,
      message: `Use the global process; importing it is a way round the process.env rule. ${ENV_MESSAGE}`,
    })),
  ],
};

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
      ...processEnvRules,
    },
  },
  { files: processEnvAllowed, rules: { 'no-restricted-syntax': 'off', 'no-restricted-imports': 'off' } },
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
