import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { afterEach, expect, it } from 'vitest';
import { combineRouters, createHttpApp, createRouter, finishHttpApp } from '../src/http';
import { listRoutes } from '../src/routes';
import { createLogger } from '../src/logger';
import { createMetrics } from '../src/metrics';
import { createHttpServer } from '../src/service';

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function serve(app: Express): Promise<string> {
  const server = createHttpServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const appWith = (hsts: boolean) => {
  const logger = createLogger('t', 'silent');
  const app = createHttpApp({ logger, metrics: createMetrics('t'), checks: {}, hsts });
  const router = createRouter();
  router.get('/api/things', (_req, res) => void res.json({ ok: true }));
  app.use(router);
  finishHttpApp(app, logger);
  return app;
};

it('sends HSTS on every answer when served over https, and none otherwise', async () => {
  const https = await serve(appWith(true));
  for (const path of ['/api/things', '/api/nope', '/healthz']) {
    expect((await fetch(`${https}${path}`)).headers.get('strict-transport-security'), path).toBe(
      'max-age=31536000; includeSubDomains',
    );
  }
  const http = await serve(appWith(false));
  expect((await fetch(`${http}/api/things`)).headers.get('strict-transport-security')).toBeNull();
});

it('routes one spelling of a path on the app and on routers made with createRouter', async () => {
  const url = await serve(appWith(false));
  expect((await fetch(`${url}/api/things`)).status).toBe(200);
  for (const path of ['/api/Things', '/api/things/', '/API/things', '/healthz/', '/HEALTHZ']) {
    expect((await fetch(`${url}${path}`)).status, path).toBe(404);
  }
});

it('serves the routes of combined routers in their order, strictly spelled, and lists them as one router', async () => {
  const logger = createLogger('t', 'silent');
  const app = createHttpApp({ logger, metrics: createMetrics('t'), checks: {} });
  const first = createRouter();
  first.get('/api/a/:id', (req, res) => void res.json({ from: 'first', id: req.params.id }));
  first.get('/api/shared', (_req, res) => void res.json({ from: 'first' }));
  const second = createRouter();
  second.get('/api/shared', (_req, res) => void res.json({ from: 'second' }));
  second.post('/api/b', (_req, res) => void res.status(201).json({ from: 'second' }));
  const combined = combineRouters(first, second);
  app.use(combined);
  finishHttpApp(app, logger);
  const url = await serve(app);

  expect(await (await fetch(`${url}/api/a/7`)).json()).toEqual({ from: 'first', id: '7' });
  expect(await (await fetch(`${url}/api/shared`)).json()).toEqual({ from: 'first' });
  expect((await fetch(`${url}/api/b`, { method: 'POST' })).status).toBe(201);
  for (const path of ['/api/A/7', '/api/shared/']) expect((await fetch(`${url}${path}`)).status, path).toBe(404);
  // One router, not routers inside a router: a request that no route answers enters no other router.
  const layers = (combined as unknown as { stack: { route?: unknown }[] }).stack;
  expect(layers).toHaveLength(4);
  expect(layers.every((layer) => layer.route)).toBe(true);
  expect(listRoutes(app).filter((r) => r.path.startsWith('/api/'))).toEqual([
    { method: 'GET', path: '/api/a/:id' },
    { method: 'POST', path: '/api/b' },
    { method: 'GET', path: '/api/shared' },
    { method: 'GET', path: '/api/shared' },
  ]);
});
