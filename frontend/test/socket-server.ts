import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket } from 'socket.io-client';

const cleanups: Array<() => Promise<void>> = [];

/** Closes what connectedSocketPair opened; call it in afterEach. */
export async function closeSocketPairs(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup();
}

/** A real Socket.IO server on a free port of 127.0.0.1, and a client connected to it over WebSocket. */
export async function connectedSocketPair(): Promise<{ client: Socket; serverSide: ServerSocket }> {
  const http = createServer();
  const server = new Server(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  const [serverSide] = await Promise.all([
    new Promise<ServerSocket>((resolve) => server.once('connection', resolve)),
    new Promise<void>((resolve) => client.once('connect', () => resolve())),
  ]);
  cleanups.push(() => {
    client.disconnect();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { client, serverSide };
}

/** A real Socket.IO server on a free port of 127.0.0.1, for a client the test creates itself. */
export async function socketServer(): Promise<{ url: string; server: Server }> {
  const http = createServer();
  const server = new Server(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${port}`, server };
}
