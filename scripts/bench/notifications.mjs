// 3. Assignment → notification: many Socket.IO connections through nginx, then task assignments sent open-loop
// at a fixed rate; the figure is the time from a PATCH being sent to the assignee's first `notification`.
// The sockets and the timing of what they receive are shared with the raw event chain (event-chain.mjs).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { sleep } from '../lib/net.mjs';
import { cpuPerRequest, cpuSnapshot, loopStats } from './diagnostics.mjs';
import { pool, request } from './http.mjs';
import { sendOpenLoop } from './open-loop.mjs';
import { ASSIGN_RATE, ASSIGN_SECONDS, SOCKETS, base, ports } from './options.mjs';
import { percentile } from './stats.mjs';

const open = new Set();

/**
 * SOCKETS Socket.IO connections to `url` (websocket transport), spread over `users` in turn, each handshake
 * carrying `authOf(user)`; every socket knows its `user`.
 */
export async function connectSockets(url, users, authOf) {
  const wanted = Array.from({ length: SOCKETS }, (_, i) => users[i % users.length]);
  const sockets = [];
  let failed = 0;
  let firstError;
  await pool(wanted, 50, async (user) => {
    const socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: authOf(user),
      forceNew: true,
      reconnection: false,
      timeout: 20_000,
    });
    socket.user = user;
    open.add(socket);
    const ok = await new Promise((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', (err) => {
        firstError ??= err.message;
        resolve(false);
      });
    });
    if (ok) sockets.push(socket);
    else {
      failed++;
      closeSockets([socket]);
    }
  });
  return { sockets, connected: sockets.length, failed, firstError };
}

/** Closes `sockets`, by default every socket still open. */
export function closeSockets(sockets = [...open]) {
  for (const socket of sockets) {
    socket.close();
    open.delete(socket);
  }
}

/**
 * Times notifications: `expect(key)` when something is sent; the first `notification` on any socket whose
 * `keyOf(notification, socket.user)` is that key ends its wait (another of the user's sockets may come later).
 */
export function watchNotifications(sockets, keyOf) {
  const pending = new Map();
  const latencies = [];
  let disconnects = 0;
  for (const socket of sockets) {
    socket.on('disconnect', () => disconnects++);
    socket.on('notification', (n) => {
      const key = keyOf(n, socket.user);
      const sentAt = key === undefined ? undefined : pending.get(key);
      if (sentAt === undefined) return;
      pending.delete(key);
      latencies.push(performance.now() - sentAt);
    });
  }
  return {
    expect: (key) => pending.set(key, performance.now()),
    forget: (key) => pending.delete(key),
    /** Waits up to `timeoutMs` for what is still on its way, then resolves the figures. */
    async settle(timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (pending.size > 0 && Date.now() < until) await sleep(50);
      return {
        delivered: latencies.length,
        lost: pending.size,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: percentile(latencies, 100),
        disconnects,
      };
    },
  };
}

/**
 * Runs `measure` with the bench process's own event-loop delay watched (it runs the sockets and the sender):
 * resolves its result with `benchLoop` added. The histogram's 10 ms resolution is its tick, not lag: the excess.
 */
export async function withBenchLoop(measure) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const result = await measure();
  histogram.disable();
  const excess = (ns) => Math.max(0, ns / 1e6 - 10);
  return { ...result, benchLoop: { p99: excess(histogram.percentile(99)), max: excess(histogram.max) } };
}

/**
 * ASSIGN_RATE × ASSIGN_SECONDS assignments, open loop. `round` (the repeat) shifts who gets what, so each PATCH
 * changes the assignee, never to the one it already has: task i gets user i + r + 1 in round r.
 */
async function measureAssignments(ownerToken, tasks, users, sockets, round) {
  const watch = watchNotifications(sockets, (n, user) =>
    n?.type === 'task.assigned' ? `${n.taskId}|${user.id}` : undefined,
  );
  const total = ASSIGN_RATE * ASSIGN_SECONDS;
  const patchMs = [];
  let patchErrors = 0;
  let firstPatchError;
  const sent = await sendOpenLoop({
    rate: ASSIGN_RATE,
    total,
    send: async (k) => {
      const n = round * total + k;
      const task = tasks[n % tasks.length];
      const assignee = users[((n % tasks.length) + Math.floor(n / tasks.length) + 1) % users.length];
      const key = `${task.id}|${assignee.id}`;
      watch.expect(key);
      try {
        const res = await request('PATCH', `${base}/api/tasks/${task.id}`, {
          token: ownerToken,
          body: { assigneeId: assignee.id },
        });
        patchMs.push(res.ms);
        if (res.status !== 200) {
          patchErrors++;
          firstPatchError ??= `HTTP ${res.status} ${JSON.stringify(res.body)}`.slice(0, 200);
          watch.forget(key);
        }
      } catch (err) {
        patchErrors++;
        firstPatchError ??= err.message;
        watch.forget(key);
      }
    },
  });
  return {
    sent: total,
    ...sent,
    ...(await watch.settle()),
    patchP50: percentile(patchMs, 50),
    patchP99: percentile(patchMs, 99),
    patchErrors,
    firstPatchError,
  };
}

/**
 * The assignments, with what explains their figures: CPU per assignment, the services' event-loop lag and GC
 * time over them, and the bench client's own event-loop lag.
 */
export async function measureNotifications(ownerToken, tasks, users, sockets, round) {
  const cpuBefore = cpuSnapshot();
  // prom-client resets its event-loop histogram on each scrape: these scrapes also start the window.
  const before = { tasks: await loopStats(ports.tasks), notifications: await loopStats(ports.notifications) };
  const notify = await withBenchLoop(() => measureAssignments(ownerToken, tasks, users, sockets, round));
  const loops = { tasks: await loopStats(ports.tasks), notifications: await loopStats(ports.notifications) };
  for (const name of Object.keys(loops)) {
    if (!loops[name]) continue;
    loops[name].gc -= before[name]?.gc ?? 0;
    loops[name].fullGcs -= before[name]?.fullGcs ?? 0;
  }
  return { ...notify, cpu: cpuPerRequest(cpuBefore, cpuSnapshot(), notify.sent), loops };
}
