import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test server received it. */
export type ApiRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
};
export type ApiAnswer = { status: number; body?: unknown; contentType?: string };
export type ApiHandler = (request: ApiRequest) => ApiAnswer | Promise<ApiAnswer>;

export type ApiServer = { origin: string; requests: ApiRequest[]; close: () => Promise<void> };

// Vitest's jsdom environment exposes its JSDOM instance as a global.
declare const jsdom: { reconfigure(settings: { url: string }): void };

/**
 * A real HTTP server on a free port of 127.0.0.1, answering like the TaskFlow API through `handler`.
 * The page is moved to its origin, as the gateway serves the SPA and the API on one origin, so the
 * app's requests reach it over the network exactly as they would in a browser.
 */
export async function startApiServer(handler: ApiHandler): Promise<ApiServer> {
  const requests: ApiRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://test.invalid');
    const request: ApiRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(request);
    try {
      const answer = await handler(request);
      if (answer.body === undefined) {
        res.writeHead(answer.status).end();
      } else if (typeof answer.body === 'string') {
        res.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'text/plain' }).end(answer.body);
      } else {
        const type = answer.contentType ?? (answer.status >= 400 ? 'application/problem+json' : 'application/json');
        res.writeHead(answer.status, { 'Content-Type': type }).end(JSON.stringify(answer.body));
      }
    } catch (error) {
      res.writeHead(599, { 'Content-Type': 'text/plain' }).end(`test server handler failed: ${String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  jsdom.reconfigure({ url: `${origin}/` });
  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A problem+json answer as the services send it. */
export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: Array<{ path: string; message: string }>,
): ApiAnswer {
  return { status, body: { type: 'about:blank', title: 'Error', status, detail, code, errors } };
}

/** A promise the test settles when it chooses: holds a server's answer until then. */
export type Deferred<T = void> = { promise: Promise<T>; resolve: (value: T) => void };

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
