// Module boundaries of the codebase, checked by `npm run lint`:
//   depcruise --config .dependency-cruiser.cjs packages services frontend/src
// scripts/test/boundary-rules.test.ts feeds every rule here a violating file and a compliant one.
const ENTRY_POINTS = '(http|messaging|realtime|jobs)';

// What the domain must not reach: transports, stores and their drivers, token and mail libraries.
const DOMAIN_FORBIDDEN_PACKAGES = [
  'express',
  'express-serve-static-core',
  'amqplib',
  'socket\\.io',
  'ioredis',
  'pg',
  'pg-pool',
  'drizzle-orm',
  'jsonwebtoken',
  'nodemailer',
].join('|');
// Resolved into node_modules (the package or its @types), or left unresolved (a package not installed yet).
const DOMAIN_FORBIDDEN_PATHS = `(^|/)node_modules/(@types/)?(${DOMAIN_FORBIDDEN_PACKAGES})/|^(${DOMAIN_FORBIDDEN_PACKAGES})(/|$)`;
// Node built-ins doing file or network I/O; `node:fs` and `fs` both resolve to `fs`.
const DOMAIN_FORBIDDEN_BUILTINS = '^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|child_process)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-service-imports',
      comment: 'A service never imports another service; shared code goes to packages/*.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'packages-never-import-services',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    {
      name: 'contracts-is-browser-safe',
      comment: 'packages/contracts is shared with the browser: no service-kit, no services, no Node built-ins.',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^(packages/service-kit|services)/' },
    },
    {
      name: 'contracts-no-node-builtins',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'frontend-only-imports-contracts',
      comment: 'The frontend imports packages/contracts and nothing else of the workspace.',
      severity: 'error',
      from: { path: '^frontend/' },
      to: { path: '^(services/|packages/(?!contracts/))' },
    },
    {
      name: 'frontend-no-node-builtins',
      severity: 'error',
      from: { path: '^frontend/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'frontend-features-are-independent',
      comment: 'A feature never imports another feature: what two features share moves to components/ or lib/.',
      severity: 'error',
      from: { path: '^frontend/src/features/([^/]+)/' },
      to: { path: '^frontend/src/features/([^/]+)/', pathNot: '^frontend/src/features/$1/' },
    },
    {
      name: 'frontend-shared-code-imports-no-feature',
      comment: 'components/ and lib/ are shared by every feature, so they import none (app/ composes features).',
      severity: 'error',
      from: { path: '^frontend/src/(components|lib)/' },
      to: { path: '^frontend/src/features/' },
    },
    {
      name: 'domain-free-of-infrastructure',
      comment:
        'src/domain holds use cases and rules: no express, amqplib, socket.io, ioredis, pg, drizzle-orm, jsonwebtoken or nodemailer.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/domain/' },
      to: { path: DOMAIN_FORBIDDEN_PATHS },
    },
    {
      name: 'domain-does-no-io',
      comment: 'src/domain does no file or network I/O itself (node:fs, node:net, node:http, …): an adapter does.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/domain/' },
      to: { dependencyTypes: ['core'], path: DOMAIN_FORBIDDEN_BUILTINS },
    },
    {
      name: 'entry-points-reach-data-through-the-domain',
      comment: 'http | messaging | realtime | jobs → domain → data: an entry point never imports src/data itself.',
      severity: 'error',
      from: { path: `^services/([^/]+)/src/${ENTRY_POINTS}/` },
      to: { path: '^services/$1/src/data/' },
    },
    {
      name: 'domain-does-not-import-entry-points',
      comment: 'http | messaging | realtime | jobs → domain → data, never back.',
      severity: 'error',
      from: { path: '^services/([^/]+)/src/domain/' },
      to: { path: `^services/$1/src/${ENTRY_POINTS}/` },
    },
    {
      name: 'data-is-the-bottom-layer',
      comment: 'src/data (schema, repositories) imports neither the entry points nor the domain.',
      severity: 'error',
      from: { path: '^services/([^/]+)/src/data/' },
      to: { path: `^services/$1/src/(${ENTRY_POINTS.slice(1, -1)}|domain)/` },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Build output and generated migrations of the workspace, not of packages: many packages keep their
    // entry point under dist/ (socket.io does), and excluding those would hide the import from every rule.
    exclude: { path: '^(\\.data/|frontend/dist/|(packages|services)/[^/]+/(dist|drizzle)/)' },
    tsPreCompilationDeps: true,
    // Only for the frontend's `@/*` path alias; the services and packages use no tsconfig paths.
    tsConfig: { fileName: require('node:path').join(__dirname, 'frontend', 'tsconfig.json') },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
