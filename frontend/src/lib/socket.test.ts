import { afterEach, expect, it, vi } from 'vitest';
import { closeSocketPairs, connectedSocketPair } from '../../test/socket-server';
import { onServerEvent, type AppSocket } from './socket';

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
