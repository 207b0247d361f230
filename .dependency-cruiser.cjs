// Module boundaries of STYLE.md ("Boundaries"), checked by `npm run lint`:
//   depcruise --config .dependency-cruiser.cjs packages services frontend/src
const SERVICE_ADAPTERS = '(http|messaging|realtime)';
const INFRA_LIBS = '(^|/)node_modules/(@types/)?(express|express-serve-static-core|amqplib|socket\\.io|ioredis)/';

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
      name: 'domain-free-of-transport',
      comment: 'src/domain holds use cases and rules: no express, amqplib, socket.io or ioredis.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/domain/' },
      to: { path: INFRA_LIBS },
    },
    {
      name: 'domain-does-not-import-entry-points',
      comment: 'http | messaging | realtime → domain → data, never back.',
      severity: 'error',
      from: { path: '^services/([^/]+)/src/domain/' },
      to: { path: `^services/$1/src/${SERVICE_ADAPTERS}/` },
    },
    {
      name: 'data-is-the-bottom-layer',
      comment: 'src/data (schema, repositories) imports neither the entry points nor the domain.',
      severity: 'error',
      from: { path: '^services/([^/]+)/src/data/' },
      to: { path: `^services/$1/src/(${SERVICE_ADAPTERS.slice(1, -1)}|domain)/` },
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
    exclude: { path: '(^|/)(dist|drizzle|\\.data)/' },
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
