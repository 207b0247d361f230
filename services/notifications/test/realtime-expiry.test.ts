import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocketAck } from '@taskflow/contracts/socket';
import { createHarness, type Harness, type RecordingSocket } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.start();
});

afterAll(async () => {
  await h?.close();
});

const closed = (recording: RecordingSocket) =>
  new Promise<string>((resolve) => recording.socket.once('disconnect', (reason) => resolve(reason)));

const reauth = (recording: RecordingSocket, payload: unknown) =>
  new Promise<SocketAck>((resolve) =>
    (recording.socket.emit as (ev: string, p: unknown, ack: (res: SocketAck) => void) => void)(
      'reauth',
      payload,
      resolve,
    ),
  );

describe('a socket lives as long as its access token', () => {
  it('is disconnected when the token it connected with expires', async () => {
    const userId = randomUUID();
    const socket = await h.connect({ token: h.tokens.sign(userId, { expiresIn: 2 }) });
    expect(await closed(socket)).toBe('io server disconnect');
  });

  it('stays connected past that expiry when the client sent a fresh token with reauth', async () => {
    const userId = randomUUID();
    const sessionId = randomUUID();
    const socket = await h.connect({ token: h.tokens.sign(userId, { sessionId, expiresIn: 2 }) });
    expect(await reauth(socket, { token: h.tokens.sign(userId, { sessionId, expiresIn: 4 }) })).toEqual({ ok: true });
    // Past the first token's expiry it still hears its user's notifications…
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(socket.socket.connected).toBe(true);
    // …and is closed when the fresh one expires in turn.
    expect(await closed(socket)).toBe('io server disconnect');
  });

  it('refuses a reauth with a bad token, another user’s token or a malformed payload', async () => {
    const userId = randomUUID();
    const socket = await h.connect({ token: h.tokens.sign(userId) });
    expect(await reauth(socket, { token: 'garbage' })).toEqual({ ok: false, error: 'unauthorized' });
    expect(await reauth(socket, { token: h.tokens.sign(randomUUID()) })).toEqual({ ok: false, error: 'unauthorized' });
    expect(await reauth(socket, { token: h.tokens.sign(userId, { expiresIn: -10 }) })).toEqual({
      ok: false,
      error: 'unauthorized',
    });
    expect(await reauth(socket, { nope: 1 })).toEqual({ ok: false, error: 'invalid_payload' });
    expect(socket.socket.connected).toBe(true);
  });
});
