import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintOpenApi, listApiRoutes, listDocumentedOperations } from '@taskflow/service-kit/openapi-testing';
import type { RunningService } from '@taskflow/service-kit/service';
import { createHarness, type Harness } from './harness';

const DOCUMENT = '/api/notifications/openapi.json';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

describe('notifications OpenAPI document', () => {
  let h: Harness;
  let doc: Doc;
  let running: RunningService;
  beforeAll(async () => {
    h = await createHarness();
    running = await h.start();
    const res = await h.api(null, DOCUMENT);
    expect(res.status).toBe(200);
    doc = await res.json();
  });
  afterAll(() => h?.close());

  it('is served without a token as OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas.Notification.required).toContain('readAt');
  });

  it('documents exactly the routes the app registers', () => {
    const app = running.app;
    const routes = listApiRoutes(app).filter((route) => route !== `GET ${DOCUMENT}`);
    expect(routes.length).toBeGreaterThan(0);
    expect(listDocumentedOperations(doc)).toEqual(routes);
  });

  it('describes every Socket.IO event', () => {
    for (const event of ['notification', 'unread_count', 'task_changed', 'subscribe_project', 'unsubscribe_project']) {
      expect(doc.info.description).toContain(`\`${event}\``);
    }
  });

  it('passes redocly lint (recommended) without problems', () => {
    expect(lintOpenApi(doc)).toEqual([]);
  });
});
