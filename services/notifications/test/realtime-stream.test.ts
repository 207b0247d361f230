import { createServer } from 'node:http';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { deleteRedisKeys, TEST_REDIS_URL, testRunId, waitFor } from '@taskflow/service-kit/testing';
import { createRealtime, type Realtime } from '../src/realtime/socket.gateway';

/**
 * Every instance reads the adapter's stream back, its own entries included. Counts which entries get
 * decoded: each instance's pushes by the other instance only, never by the one that wrote them.
 */
const prefix = `taskflow-test-${testRunId()}:`;
const instances: Realtime[] = [];

afterAll(async () => {
  await Promise.all(instances.map((realtime) => realtime.close()));
  await deleteRedisKeys(prefix, TEST_REDIS_URL);
});

describe('the streams adapter', () => {
  it('decodes the entries of the other instances, not its own', async () => {
    const [a, b] = [0, 1].map(() => {
      const realtime = createRealtime({ redisUrl: TEST_REDIS_URL, keyPrefix: prefix });
      // Attached to a server that never listens: close() stops the engine and the adapter as in the service.
      realtime.io.attach(createServer());
      instances.push(realtime);
      return realtime;
    });
    const adapterClass = a!.io.of('/').adapter.constructor as unknown as { decode(entry: { data?: string }): unknown };
    const decode = vi.spyOn(adapterClass, 'decode');
    const decodedCounts = () => decode.mock.calls.map(([entry]) => /"count":(\d+)/.exec(entry.data ?? '')?.[1]);
    const push = (realtime: Realtime, count: number) => realtime.pusher.toUser('nobody', 'unread_count', { count });

    // Both read the stream once each has decoded a push of the other (a reader starts at the stream's end).
    let warmUp = 0;
    await waitFor(
      () => {
        push(a!, ++warmUp);
        push(b!, ++warmUp);
        const seen = decodedCounts().map(Number);
        return seen.some((n) => n % 2 === 1) && seen.some((n) => n % 2 === 0);
      },
      { what: 'both readers' },
    );
    decode.mockClear();

    // a, b, a, b: once b has decoded the third and a the fourth, each has read past what it wrote before.
    for (const [realtime, count] of [
      [a!, 1001],
      [b!, 1002],
      [a!, 1003],
      [b!, 1004],
    ] as const)
      push(realtime, count);
    await waitFor(() => decodedCounts().includes('1003') && decodedCounts().includes('1004'), {
      what: 'the last two pushes read by the other instance',
    });
    const late = decodedCounts().filter((n) => Number(n) >= 1001);
    expect(late.sort()).toEqual(['1001', '1002', '1003', '1004']);
  });
});
