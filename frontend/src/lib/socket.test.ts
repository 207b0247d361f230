import { afterEach, expect, it, vi } from 'vitest';
import { closeSocketPairs, connectedSocketPair, socketServer } from '../../test/socket-server';
import { endSession, startSession } from './auth-session';
import { createSocket, onServerEvent, type AppSocket } from './socket';

afterEach(async () => {
  await closeSocketPairs();
  vi.restoreAllMocks();
});

it('hands on a push that matches its contracts schema and drops one that does not', async () => {
  const { client: socket, serverSide } = await connectedSocketPair();
  const client = socket as AppSocket;
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const received: unknown[] = [];
  const stop = onServerEvent(client, 'unread_count', (payload) => received.push(payload));

  serverSide.emit('unread_count', { count: 'many' });
  serverSide.emit('unread_count', { count: 3 });
  await vi.waitFor(() => expect(received).toEqual([{ count: 3 }]));
  expect(warn).toHaveBeenCalledTimes(1);

  // After stop() nothing more arrives: a later push is followed by a sentinel on another listener.
  stop();
  const sentinel = new Promise((resolve) => client.once('task_changed', resolve));
  serverSide.emit('unread_count', { count: 4 });
  serverSide.emit('task_changed', {});
  await sentinel;
  expect(received).toEqual([{ count: 3 }]);
});

it('hands the server each fresh token after a silent refresh (reauth), and stops when signed out', async () => {
  const { url, server } = await socketServer();
  const reauths: unknown[] = [];
  const handshakes: unknown[] = [];
  server.on('connection', (serverSide) => {
    handshakes.push(serverSide.handshake.auth);
    serverSide.on('reauth', (payload: unknown, ack: (res: { ok: boolean }) => void) => {
      reauths.push(payload);
      ack({ ok: true });
    });
  });
  const user = {
    id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    email: 'a@example.test',
    name: 'A',
    timezone: 'UTC',
    createdAt: new Date().toISOString(),
  };
  startSession({ accessToken: 'first-token', expiresIn: 900, user });
  const socket = createSocket({ url });
  try {
    await vi.waitFor(() => expect(socket.connected).toBe(true));
    expect(handshakes).toEqual([{ token: 'first-token' }]);

    startSession({ accessToken: 'refreshed-token', expiresIn: 900, user });
    await vi.waitFor(() => expect(reauths).toEqual([{ token: 'refreshed-token' }]));

    endSession();
    startSession({ accessToken: 'someone-else', expiresIn: 900, user });
    // A sentinel round trip: anything the client sent before it has arrived.
    const sentinel = new Promise((resolve) => server.once('connection', resolve));
    socket.disconnect().connect();
    await sentinel;
    expect(reauths).toEqual([{ token: 'refreshed-token' }]);
  } finally {
    endSession();
    socket.disconnect();
  }
});
