import { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createHttpApp, createRouter, finishHttpApp } from '../src/http';
import { createLogger } from '../src/logger';
import { createMetrics } from '../src/metrics';
import { createHttpServer } from '../src/service';

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

it('makes each request and response with the app’s prototypes, before Express sees them', async () => {
  const logger = createLogger('t', 'silent');
  const app = createHttpApp({ logger, metrics: createMetrics('t'), checks: {} });
  const router = createRouter();
  router.post(
    '/api/echo',
    (req, res) => void res.status(201).json({ body: req.body, q: req.query.q, h: req.get('x-h') }),
  );
  app.use(router);
  finishHttpApp(app, logger);
  const server = createHttpServer(app);
  servers.push(server);
  // Ahead of Express's own listener: what the server made, before Express could change it.
  const born: { req: boolean; res: boolean; kinds: boolean }[] = [];
  server.prependListener('request', (req, res) =>
    born.push({
      req: Object.getPrototypeOf(req) === app.request,
      res: Object.getPrototypeOf(res) === app.response,
      kinds: req instanceof IncomingMessage && res instanceof ServerResponse,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const res = await fetch(`${url}/api/echo?q=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-h': 'yes' },
    body: JSON.stringify({ a: [1, 'two'] }),
  });
  expect(res.status).toBe(201);
  expect(await res.json()).toEqual({ body: { a: [1, 'two'] }, q: '1', h: 'yes' });
  const missing = await fetch(`${url}/api/nope`);
  expect(missing.status).toBe(404);
  expect(missing.headers.get('content-type')).toContain('application/problem+json');
  expect(born).toEqual([
    { req: true, res: true, kinds: true },
    { req: true, res: true, kinds: true },
  ]);
});
