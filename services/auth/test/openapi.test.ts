import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintOpenApi, listApiRoutes, listDocumentedOperations } from '@taskflow/service-kit/openapi-testing';
import { call, startAuthApp, type AuthTestApp } from './auth-app';

const DOCUMENT = '/api/auth/openapi.json';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

describe('auth OpenAPI document', () => {
  let app: AuthTestApp;
  let doc: Doc;
  beforeAll(async () => {
    app = await startAuthApp();
    const res = await call(app, 'GET', DOCUMENT);
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => app?.close());

  it('is served without a token as OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas.RegisterBody.required).toEqual(expect.arrayContaining(['email', 'password', 'name']));
  });

  it('documents exactly the routes the app registers', () => {
    const routes = listApiRoutes(app.app).filter((route) => route !== `GET ${DOCUMENT}`);
    expect(routes.length).toBeGreaterThan(0);
    expect(listDocumentedOperations(doc)).toEqual(routes);
  });

  it('marks only the sign-in and key endpoints as public, and documents the refresh cookie', () => {
    const publicOps = listDocumentedOperations(doc).filter((o) => {
      const [method, path] = o.split(' ') as [string, string];
      return doc.paths[path][method.toLowerCase()].security.length === 0;
    });
    expect(publicOps).toEqual([
      'GET /api/auth/.well-known/jwks.json',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'POST /api/auth/password-reset',
      'POST /api/auth/password-reset/confirm',
      'POST /api/auth/refresh',
      'POST /api/auth/register',
    ]);
    expect(doc.paths['/api/auth/refresh'].post.parameters).toContainEqual(
      expect.objectContaining({ name: 'tf_refresh', in: 'cookie' }),
    );
    expect(doc.paths['/api/auth/login'].post.responses['200'].headers['Set-Cookie']).toBeDefined();
  });

  it('passes redocly lint (recommended) with only the listed exception', () => {
    expect(lintOpenApi(doc).map(({ ruleId, pointer }) => ({ ruleId, pointer }))).toEqual([
      // The key set is static: there is no 4xx answer to document.
      { ruleId: 'operation-4xx-response', pointer: '#/paths/~1api~1auth~1.well-known~1jwks.json/get/responses' },
    ]);
  });
});
