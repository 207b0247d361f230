// 3. Assignment → notification: many Socket.IO connections through nginx, then task assignments sent open-loop
// at a fixed rate; the figure is the time from a PATCH being sent to the assignee's first `notification`.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { sleep } from '../lib/net.mjs';
import { cpuPerRequest, cpuSnapshot, loopStats } from './diagnostics.mjs';
import { pool, request } from './http.mjs';
import { ASSIGN_RATE, ASSIGN_SECONDS, SOCKETS, base, ports } from './options.mjs';
import { percentile } from './stats.mjs';

const sockets = [];

export async function connectSockets(users) {
  const wanted = Array.from({ length: SOCKETS }, (_, i) => users[i % users.length]);
  let failed = 0;
  let firstError;
  await pool(wanted, 50, async (user) => {
    const socket = io(base, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: user.token },
      forceNew: true,
      reconnection: false,
      timeout: 20_000,
    });
    socket.user = user;
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
      socket.close();
    }
  });
  return { connected: sockets.length, failed, firstError };
}

async function measureAssignments(ownerToken, tasks, users) {
  const pending = new Map(); // `${taskId}|${userId}` → time the PATCH was sent
  const latencies = [];
  let disconnects = 0;
  for (const socket of sockets) {
    socket.on('disconnect', () => disconnects++);
    socket.on('notification', (n) => {
      if (n?.type !== 'task.assigned') return;
      const key = `${n.taskId}|${socket.user.id}`;
      const sentAt = pending.get(key);
      if (sentAt === undefined) return; // another of the user's sockets was first
      pending.delete(key);
      latencies.push(performance.now() - sentAt);
    });
  }

  const total = ASSIGN_RATE * ASSIGN_SECONDS;
  const patchMs = [];
  let patchErrors = 0;
  let firstPatchError;
  let inFlight = 0;
  let maxInFlight = 0;
  const sends = [];
  const t0 = performance.now() + 50;
  for (let k = 0; k < total; k++) {
    const due = t0 + (k * 1000) / ASSIGN_RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    while (inFlight >= 200) await sleep(1); // bounded: never more than 200 requests outstanding
    // Task i gets user i+r+1 in round r: every assignment changes the assignee, never to the same user twice.
    const task = tasks[k % tasks.length];
    const round = Math.floor(k / tasks.length);
    const assignee = users[((k % tasks.length) + round + 1) % users.length];
    const key = `${task.id}|${assignee.id}`;
    pending.set(key, performance.now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    sends.push(
      request('PATCH', `${base}/api/tasks/${task.id}`, { token: ownerToken, body: { assigneeId: assignee.id } })
        .then(
          (res) => {
            patchMs.push(res.ms);
            if (res.status !== 200) {
              patchErrors++;
              firstPatchError ??= `HTTP ${res.status} ${JSON.stringify(res.body)}`.slice(0, 200);
              pending.delete(key);
            }
          },
          (err) => {
            patchErrors++;
            firstPatchError ??= err.message;
            pending.delete(key);
          },
        )
        .finally(() => inFlight--),
    );
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  await Promise.all(sends);
  const drainUntil = Date.now() + 10_000;
  while (pending.size > 0 && Date.now() < drainUntil) await sleep(50);
  return {
    sent: total,
    rate: total / sendSeconds,
    delivered: latencies.length,
    lost: pending.size,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    patchP50: percentile(patchMs, 50),
    patchP99: percentile(patchMs, 99),
    patchErrors,
    firstPatchError,
    maxInFlight,
    disconnects,
  };
}

/**
 * The assignments, with what explains their figures: CPU per assignment, the services' event-loop lag and GC
 * time over them, and the bench client's own event-loop lag (it runs the sockets and the sender).
 */
export async function measureNotifications(ownerToken, tasks, users) {
  const benchLoop = monitorEventLoopDelay({ resolution: 10 });
  benchLoop.enable();
  const cpuBefore = cpuSnapshot();
  // prom-client resets its event-loop histogram on each scrape: these scrapes also start the window.
  const gcBefore = {
    tasks: (await loopStats(ports.tasks))?.gc ?? 0,
    notifications: (await loopStats(ports.notifications))?.gc ?? 0,
  };
  const notify = await measureAssignments(ownerToken, tasks, users);
  benchLoop.disable();
  const loops = { tasks: await loopStats(ports.tasks), notifications: await loopStats(ports.notifications) };
  for (const name of Object.keys(loops)) if (loops[name]) loops[name].gc -= gcBefore[name];
  return {
    ...notify,
    cpu: cpuPerRequest(cpuBefore, cpuSnapshot(), notify.sent),
    // The histogram's 10 ms resolution is its sampling tick, not lag: keep the excess.
    benchLoop: { p99: Math.max(0, benchLoop.percentile(99) / 1e6 - 10), max: Math.max(0, benchLoop.max / 1e6 - 10) },
    loops,
  };
}

export function closeSockets() {
  for (const socket of sockets.splice(0)) socket.close();
}
