import type { Express } from 'express';
import type { Metrics } from './metrics';

export type ReadinessCheck = () => Promise<unknown>;

/**
 * /healthz: the process answers. /readyz: every dependency answers within a second (503 with the
 * failing ones named otherwise). /metrics: Prometheus text.
 */
export function mountOpsRoutes(
  app: Express,
  opts: { checks: Record<string, ReadinessCheck>; metrics: Metrics; isShuttingDown?: () => boolean },
): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (opts.isShuttingDown?.()) {
      res.status(503).json({ status: 'shutting_down' });
      return;
    }
    const entries = await Promise.all(
      Object.entries(opts.checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 1000);
          return [name, 'ok'] as const;
        } catch (err) {
          return [name, err instanceof Error ? err.message : 'failed'] as const;
        }
      }),
    );
    const ok = entries.every(([, state]) => state === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks: Object.fromEntries(entries) });
  });
  app.get('/metrics', opts.metrics.handler);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
