// Small network probes. Node built-ins only.
import http from 'node:http';
import net from 'node:net';

/** Resolves true when a TCP connection to host:port opens within timeoutMs. */
export function canConnect(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Resolves true when nothing listens on port (on any address): we can bind it ourselves. */
export async function isPortFree(port) {
  const bindable = await new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
  // A server bound to 127.0.0.1 only does not always stop a bind on ::, so also try to talk to it.
  return bindable && !(await canConnect('127.0.0.1', port, 500));
}

/** True when this machine can bind ::1 (nginx then also listens on IPv6, where browsers try `localhost` first). */
export function hasIPv6() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port: 0, host: '::1' }, () => server.close(() => resolve(true)));
  });
}

/** GET url; resolves the status code, or 0 when nothing answers within timeoutMs. */
export function httpStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: timeoutMs, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/** Host and port of a URL, with the scheme's default port. */
export function endpointOf(url, defaultPort) {
  const parsed = new URL(url);
  return { host: parsed.hostname.replace(/^\[|\]$/g, '') || 'localhost', port: Number(parsed.port) || defaultPort };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
