// 3a. The raw event chain, the ceiling of the notification figure: bench/event-chain.mjs (a bare consumer,
// Redis write and Socket.IO server with the notifications service's adapter) fed by this process over a confirm
// channel, at the product figure's rate and socket count. Its sockets connect straight to it (no nginx): the
// product's go through nginx, so the ratio includes the gateway's hop (a websocket frame and the PATCH).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { connect as connectAmqp } from 'amqplib';
import { repoRoot } from '../lib/system.mjs';
import { cpuPerRequest, cpuSnapshot } from './diagnostics.mjs';
import { closeSockets, connectSockets, watchNotifications, withBenchLoop } from './notifications.mjs';
import { sendOpenLoop } from './open-loop.mjs';
import { ASSIGN_RATE, ASSIGN_SECONDS, amqpUrl, stack } from './options.mjs';

/** Starts the chain's server, connects SOCKETS sockets to it over `users`, publishes, times, stops it. */
export async function measureEventChain(users) {
  const child = fork(path.join(repoRoot, 'bench', 'event-chain.mjs'), {
    env: {
      ...process.env,
      AMQP_URL: amqpUrl,
      REDIS_URL: process.env.REDIS_URL || 'redis://localhost:6379',
      EXCHANGE: stack.chainExchange,
      QUEUE: stack.chainQueue,
      KEY_PREFIX: stack.chainKeyPrefix,
    },
    execArgv: [], // plain node, no TypeScript loader: as bare as the ceiling server
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const amqp = await connectAmqp(amqpUrl);
  let sockets = [];
  try {
    const port = await Promise.race([
      new Promise((resolve) => child.once('message', (m) => resolve(m.port))),
      exited.then((code) => Promise.reject(new Error(`bench/event-chain.mjs exited (${code})`))),
    ]);
    const connect = await connectSockets(`http://127.0.0.1:${port}`, users, (user) => ({ userId: user.id }));
    sockets = connect.sockets;
    if (connect.connected === 0) throw new Error(`no socket could connect to the event chain: ${connect.firstError}`);
    const channel = await amqp.createConfirmChannel();
    const watch = watchNotifications(sockets, (n, user) => `${n?.taskId}|${user.id}`);
    const total = ASSIGN_RATE * ASSIGN_SECONDS;
    let publishErrors = 0;
    const cpuBefore = cpuSnapshot({ chain: child.pid });
    const result = await withBenchLoop(async () => {
      const sent = await sendOpenLoop({
        rate: ASSIGN_RATE,
        total,
        send: (k) => {
          const userId = users[k % users.length].id;
          const event = { id: randomUUID(), taskId: randomUUID(), userId };
          const key = `${event.taskId}|${userId}`;
          watch.expect(key);
          return new Promise((resolve) => {
            channel.publish(
              stack.chainExchange,
              'task.assigned',
              Buffer.from(JSON.stringify(event)),
              { persistent: true, contentType: 'application/json', messageId: event.id },
              (err) => {
                if (err) {
                  publishErrors++;
                  watch.forget(key);
                }
                resolve();
              },
            );
          });
        },
      });
      return { ...sent, ...(await watch.settle()) };
    });
    return {
      ...result,
      sent: total,
      publishErrors,
      connected: connect.connected,
      failed: connect.failed,
      cpu: cpuPerRequest(cpuBefore, cpuSnapshot({ chain: child.pid }), total),
    };
  } finally {
    closeSockets(sockets);
    await amqp.close().catch(() => undefined);
    child.kill('SIGTERM');
    await exited;
  }
}
