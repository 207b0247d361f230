import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintOpenApi, listApiRoutes, listDocumentedOperations } from '@taskflow/service-kit/openapi-testing';
import { startHarness, type Harness } from './harness';

const DOCUMENT = '/api/tasks/openapi.json';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

describe('tasks OpenAPI document', () => {
  let h: Harness;
  let doc: Doc;
  beforeAll(async () => {
    h = await startHarness();
    const res = await h.request<Doc>('GET', DOCUMENT);
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => h?.close());

  it('is served without a token as OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.schemas.CreateTaskBody.properties)).toContain('assigneeId');
  });

  it('documents exactly the routes the app registers', () => {
    const routes = listApiRoutes(h.app).filter((route) => route !== `GET ${DOCUMENT}`);
    expect(routes.length).toBeGreaterThan(0);
    expect(listDocumentedOperations(doc)).toEqual(routes);
  });

  it('passes redocly lint (recommended) without problems', () => {
    expect(lintOpenApi(doc)).toEqual([]);
  });
});
