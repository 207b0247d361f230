import client from 'prom-client';
import type { RequestHandler } from 'express';

export interface Metrics {
  registry: client.Registry;
  observeHttp(method: string, route: string, status: number, seconds: number): void;
  counter(name: string, help: string, labelNames?: string[]): client.Counter<string>;
  /** A gauge; `collect` (if given) sets its value at each scrape, so it reads the source of truth. */
  gauge(name: string, help: string, collect?: () => number | Promise<number>): client.Gauge<string>;
  /** A histogram of seconds (lags, durations); the same name gives the same histogram. */
  histogram(name: string, help: string, labelNames?: string[], buckets?: number[]): client.Histogram<string>;
  handler: RequestHandler;
}

/** Buckets for lags: from a few milliseconds (a live event) to minutes (a backlog after an outage). */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** A Prometheus registry per service (not the global one, so tests can build many apps). */
export function createMetrics(service: string): Metrics {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry });
  const http = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const counters = new Map<string, client.Counter<string>>();
  const gauges = new Map<string, client.Gauge<string>>();
  const histograms = new Map<string, client.Histogram<string>>();
  return {
    registry,
    observeHttp: (method, route, status, seconds) => http.observe({ method, route, status: String(status) }, seconds),
    counter(name, help, labelNames = []) {
      let c = counters.get(name);
      if (!c) {
        c = new client.Counter({ name, help, labelNames, registers: [registry] });
        counters.set(name, c);
      }
      return c;
    },
    gauge(name, help, collect) {
      let g = gauges.get(name);
      if (!g) {
        g = new client.Gauge({
          name,
          help,
          registers: [registry],
          // A failing source (say Redis is down) keeps the last value rather than failing the whole scrape.
          collect: collect
            ? async function (this: client.Gauge<string>) {
                try {
                  this.set(await collect());
                } catch {
                  /* keep the last value */
                }
              }
            : undefined,
        });
        gauges.set(name, g);
      }
      return g;
    },
    histogram(name, help, labelNames = [], buckets = LAG_BUCKETS) {
      let h = histograms.get(name);
      if (!h) {
        h = new client.Histogram({ name, help, labelNames, buckets, registers: [registry] });
        histograms.set(name, h);
      }
      return h;
    },
    handler: async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    },
  };
}
