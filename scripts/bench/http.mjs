// The bench's own HTTP client for setup and single requests (the measured loads use autocannon: load.mjs).
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** JSON over HTTP with a keep-alive agent; resolves { status, body, ms }. */
export function request(method, url, { token, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    const req = http.request(
      url,
      {
        method,
        agent,
        timeout: 30_000,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode, body: parsed, ms: performance.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** The body of the response, or an error naming `what` when its status is none of `statuses`. */
export async function expectStatus(what, promise, ...statuses) {
  const res = await promise;
  if (!statuses.includes(res.status)) {
    throw new Error(
      `${what}: HTTP ${res.status} ${typeof res.body === 'string' ? res.body : JSON.stringify(res.body)}`.slice(0, 400),
    );
  }
  return res.body;
}

/** Runs fn over items with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}
