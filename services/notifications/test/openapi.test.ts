import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '@taskflow/service-kit/auth';
import { createLogger } from '@taskflow/service-kit/logger';
import { createMetrics } from '@taskflow/service-kit/metrics';
import { lintOpenApi, listApiRoutes, listDocumentedOperations } from '@taskflow/service-kit/openapi-testing';
import { createApp } from '../src/app';
import type { NotificationService } from '../src/domain/notification.service';
import { createHarness, type Harness } from './harness';

const DOCUMENT = '/api/notifications/openapi.json';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

describe('notifications OpenAPI document', () => {
  let h: Harness;
  let doc: Doc;
  beforeAll(async () => {
    h = await createHarness();
    await h.start();
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
    // Socket.IO takes over the running server's request listener, so the route table is read from
    // an app built by the same createApp; registering routes does not touch these dependencies.
    const app = createApp({
      logger: createLogger('notifications-test', 'silent'),
      metrics: createMetrics('notifications'),
      verifier: createTokenVerifier({
        resolveKey: h.tokens.resolveKey,
        issuer: h.tokens.issuer,
        audience: h.tokens.audience,
      }),
      notifications: {} as NotificationService,
      checks: {},
    });
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
