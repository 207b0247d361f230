import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// The tests share a small machine with builds and other suites: a render or an answer slower than
// the default second must not fail a test that is only waiting for it.
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no fetch, so the tests use Node's real one. A browser resolves the app's '/api/...' paths
// against the page's URL; Node's fetch knows no page, so that one step is done here (see api-server.ts
// for where the page's URL points).
const nodeFetch = globalThis.fetch;
globalThis.fetch = (input, init) =>
  nodeFetch(typeof input === 'string' ? new URL(input, window.location.href) : input, init);
