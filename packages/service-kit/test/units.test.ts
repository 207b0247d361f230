import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTokenVerifier } from '../src/auth';
import { amqpEnv, baseEnv, ConfigError, databaseEnv, parseConfig } from '../src/config';
import { AppError, ErrorCode } from '../src/errors';
import express from 'express';
import { createHttpApp, toProblem } from '../src/http';
import { createMetrics } from '../src/metrics';
import { createLogger } from '../src/logger';
import { listRoutes } from '../src/routes';
import { createHttpServer } from '../src/service';
import { createTestTokens } from '../src/testing';

describe('config', () => {
  it('lists every bad key at once', () => {
    const schema = baseEnv.extend(databaseEnv('x').shape).extend(amqpEnv.shape);
    try {
      parseConfig(schema, { NODE_ENV: 'staging', DATABASE_URL: 'mysql://nope', CONSUMER_PREFETCH: '0' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const keys = (err as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(keys).toEqual(['CONSUMER_PREFETCH', 'DATABASE_URL', 'NODE_ENV']);
    }
  });

  it('fills defaults for localhost', () => {
    const config = parseConfig(databaseEnv('taskflow_tasks').extend(amqpEnv.shape), {});
    expect(config.DATABASE_URL).toBe('postgres://postgres@localhost:5432/taskflow_tasks');
    expect(config.AMQP_URL).toBe('amqp://guest:guest@localhost:5672');
  });
});

describe('problem mapping', () => {
  it('names each invalid and each unknown field, and says "is required" for a missing one', () => {
    const schema = z.object({ title: z.string(), count: z.number().max(3) }).strict();
    const result = schema.safeParse({ count: 9, extra: true });
    const { problem } = toProblem(result.error);
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: 'title', message: 'is required' },
        expect.objectContaining({ path: 'count' }),
        { path: 'extra', message: 'is not a known field' },
      ]),
    );
  });

  it('keeps the status and code of an AppError and masks anything unknown as a bare 500', () => {
    expect(toProblem(new AppError(ErrorCode.versionConflict, 'stale')).problem).toMatchObject({
      status: 412,
      code: 'version_conflict',
      detail: 'stale',
    });
    const masked = toProblem(new Error('duplicate key value violates unique constraint "users_email_idx"'));
    expect(masked.unexpected).toBe(true);
    expect(JSON.stringify(masked.problem)).not.toMatch(/users_email_idx/);
  });
});

describe('HTTP answers decided by the code', () => {
  it('gives an overloaded error 503 and Retry-After without the thrower naming either', () => {
    const { problem, headers, unexpected } = toProblem(new AppError(ErrorCode.overloaded, 'busy'));
    expect(problem).toMatchObject({ status: 503, code: 'overloaded', title: 'Service Unavailable' });
    expect(headers).toEqual({ 'Retry-After': '1' });
    expect(unexpected).toBe(true);
    expect(toProblem(new AppError(ErrorCode.notFound, 'gone')).headers).toBeUndefined();
  });

  it('still honours a status and headers given by HTTP middleware, over the code’s own', () => {
    const answer = toProblem(
      new AppError(ErrorCode.unauthenticated, 'no token', { headers: { 'WWW-Authenticate': 'Bearer' } }),
    );
    expect(answer.problem.status).toBe(401);
    expect(answer.headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
    expect(toProblem(new AppError(ErrorCode.forbidden, 'x', { status: 409 })).problem.status).toBe(409);
  });
});

describe('listRoutes', () => {
  it('names every route of an app, through routers mounted with and without a path', () => {
    const app = createHttpApp({ logger: createLogger('t', 'silent'), metrics: createMetrics('t'), checks: {} });
    const inner = express.Router();
    inner.get('/items/:id', (_req, res) => void res.end());
    inner.delete('/items/:id', (_req, res) => void res.end());
    const flat = express.Router();
    flat.post('/api/things', (_req, res) => void res.end());
    app.use('/api/mounted', inner);
    app.use(flat);
    app.patch('/api/direct', (_req, res) => void res.end());
    expect(listRoutes(app).filter((r) => r.path.startsWith('/api/'))).toEqual([
      { method: 'PATCH', path: '/api/direct' },
      { method: 'DELETE', path: '/api/mounted/items/:id' },
      { method: 'GET', path: '/api/mounted/items/:id' },
      { method: 'POST', path: '/api/things' },
    ]);
    expect(listRoutes(app)).toContainEqual({ method: 'GET', path: '/readyz' });
  });
});

describe('token verifier', () => {
  it('verifies once and serves the cached claims until expiry', async () => {
    const tokens = createTestTokens();
    let lookups = 0;
    const verifier = createTokenVerifier({
      resolveKey: async (kid) => {
        lookups++;
        return tokens.resolveKey(kid);
      },
      issuer: tokens.issuer,
      audience: tokens.audience,
    });
    const token = tokens.sign('11111111-1111-4111-8111-111111111111');
    expect((await verifier.verify(token)).sub).toBe('11111111-1111-4111-8111-111111111111');
    await verifier.verify(token);
    expect(lookups).toBe(1);
  });

  it('rejects a token from another issuer', async () => {
    const tokens = createTestTokens({ issuer: 'someone-else' });
    const verifier = createTokenVerifier({
      resolveKey: tokens.resolveKey,
      issuer: 'taskflow-auth',
      audience: 'taskflow',
    });
    await expect(verifier.verify(tokens.sign('11111111-1111-4111-8111-111111111111'))).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('service HTTP server', () => {
  it("keeps idle connections open longer than nginx's upstream keepalive (60 s), so nginx closes them first", () => {
    const server = createHttpServer(express());
    expect(server.keepAliveTimeout).toBeGreaterThan(60_000);
  });
});
