// The stack group: on the bench's own stack, after one setup, REPEAT rounds of — the ceiling (closed loop, then
// open loop at half its throughput), the board page through nginx the same two ways, task writes at a low rate,
// the raw event chain and then the product's assignment → notification at the same rate and socket count, and
// the services' peak memory over the round. Resolves the figures of each round and what is broken.
import { sleep } from '../lib/net.mjs';
import { fail, ok, step } from '../lib/system.mjs';
import { startCeiling } from './ceiling.mjs';
import { cpuSnapshot, loopStats, memoryOf, resetPeakMemory, servicePids } from './diagnostics.mjs';
import { measureEventChain } from './event-chain.mjs';
import { request } from './http.mjs';
import { load } from './load.mjs';
import { closeSockets, connectSockets, measureNotifications } from './notifications.mjs';
import { loadOpenLoop } from './open-loop.mjs';
import {
  ASSIGN_RATE,
  ASSIGN_SECONDS,
  CONNECTIONS,
  DURATION_S,
  REPEAT,
  SOCKETS,
  TASKS,
  USERS,
  WRITE_RATE,
  WRITE_SECONDS,
  WRITE_TASKS,
  base,
  ports,
} from './options.mjs';
import { setUpBoard, waitForQueuesToDrain } from './setup.mjs';
import { fmt } from './stats.mjs';
import { measureWrites, setUpWrites } from './writes.mjs';

const latencies = (x) => `p50 ${fmt(x.p50)} ms, p99 ${fmt(x.p99)} ms, max ${fmt(x.max)} ms`;

/** The board page through nginx closed loop, then straight at the tasks service (a diagnostic), then open loop. */
async function measureBoard(project, owner, openRate) {
  const boardUrl = `${base}/api/projects/${project.id}/tasks?limit=50`;
  const check = await request('GET', boardUrl, { token: owner.token });
  if (check.status !== 200 || check.body?.items?.length !== 50)
    throw new Error(`board page: HTTP ${check.status}, ${check.body?.items?.length} items`);
  const headers = { authorization: `Bearer ${owner.token}` };
  const gcBefore = await loopStats(ports.tasks);
  const board = await load(boardUrl, headers, { watch: () => cpuSnapshot() });
  const gcAfter = await loopStats(ports.tasks);
  board.tasksLoop = gcAfter && {
    ...gcAfter,
    gc: gcAfter.gc - (gcBefore?.gc ?? 0),
    fullGcs: gcAfter.fullGcs - (gcBefore?.fullGcs ?? 0),
  };
  ok(`board ${fmt(board.rps, 0)} req/s, ${latencies(board)} (${board.detail})`);
  step('   the same page straight at the tasks service (no nginx), 5 s — a diagnostic');
  const directUrl = `http://127.0.0.1:${ports.tasks}/api/projects/${project.id}/tasks?limit=50`;
  const direct = await load(directUrl, headers, {
    seconds: 5,
    watch: () => cpuSnapshot(),
  });
  ok(`direct ${fmt(direct.rps, 0)} req/s, ${latencies(direct)} (${direct.detail})`);
  step(`   the board page through nginx at ${fmt(openRate, 0)} req/s, open loop`);
  const boardOpen = await loadOpenLoop(boardUrl, headers, { rate: openRate, watch: () => cpuSnapshot() });
  ok(`board open loop ${fmt(boardOpen.rps, 0)} req/s, ${latencies(boardOpen)} (${boardOpen.detail})`);
  step(`   the same page straight at the tasks service at ${fmt(openRate, 0)} req/s, open loop, 5 s — a diagnostic`);
  const directOpen = await loadOpenLoop(directUrl, headers, { rate: openRate, seconds: 5 });
  ok(`direct open loop ${fmt(directOpen.rps, 0)} req/s, ${latencies(directOpen)} (${directOpen.detail})`);
  return { board, direct, boardOpen, directOpen };
}

/** One round of every stack figure; resolves its results and what broke. */
async function measureRound(world, ceiling, round) {
  const tag = REPEAT > 1 ? ` [${round + 1}/${REPEAT}]` : '';
  const pids = servicePids();
  for (const pid of Object.values(pids)) resetPeakMemory(pid);
  const r = {};
  step(`1. Ceiling${tag}: bare node:http + pg, autocannon ${DURATION_S} s × ${CONNECTIONS} connections`);
  r.ceiling = await ceiling.measure();
  ok(`ceiling ${fmt(r.ceiling.rps, 0)} req/s, ${latencies(r.ceiling)} (${r.ceiling.detail})`);
  if (r.ceiling.bad) throw new Error(`the ceiling server failed requests: ${r.ceiling.detail}`);
  r.openRate = r.ceiling.rps / 2;
  step(`   the ceiling at ${fmt(r.openRate, 0)} req/s (half its throughput), open loop`);
  r.ceilingOpen = await ceiling.measure({ rate: r.openRate });
  ok(`ceiling open loop ${fmt(r.ceilingOpen.rps, 0)} req/s, ${latencies(r.ceilingOpen)} (${r.ceilingOpen.detail})`);

  step(`2. Board page through nginx${tag}, autocannon ${DURATION_S} s × ${CONNECTIONS} connections`);
  Object.assign(r, await measureBoard(world.project, world.owner, r.openRate));

  step(`   task writes through nginx: ${WRITE_RATE}/s for ${WRITE_SECONDS} s, open loop`);
  r.writes = await measureWrites(world.writes, round);
  ok(`writes ${latencies(r.writes)}, ${r.writes.slow} over 100 ms, ${r.writes.errors} errors`);

  step(`3. Raw event chain${tag}: ${SOCKETS} sockets straight to bench/event-chain.mjs, ${ASSIGN_RATE}/s published`);
  await waitForQueuesToDrain();
  r.chain = await measureEventChain(world.users);
  ok(`chain delivered ${r.chain.delivered}/${r.chain.sent}, ${latencies(r.chain)}`);

  step('   assignment → notification: connecting sockets through nginx');
  await waitForQueuesToDrain();
  const connect = await connectSockets(base, world.users, (user) => ({ token: user.token }));
  ok(
    `${connect.connected} sockets connected over ${world.users.length} users${connect.failed ? `, ${connect.failed} failed (${connect.firstError})` : ''}`,
  );
  if (connect.connected === 0) throw new Error(`no socket could connect: ${connect.firstError}`);
  try {
    await sleep(1000); // let the connection burst (unread counts) settle
    step(`   PATCHing assignments at ${ASSIGN_RATE}/s for ${ASSIGN_SECONDS} s`);
    const notify = await measureNotifications(world.owner.token, world.tasks, world.users, connect.sockets, round);
    r.notify = { ...notify, connected: connect.connected, failed: connect.failed, firstError: connect.firstError };
    ok(
      `delivered ${notify.delivered}/${notify.sent}, ${latencies(notify)}; PATCH p50 ${fmt(notify.patchP50)} ms ` +
        `p99 ${fmt(notify.patchP99)} ms; max in flight ${notify.maxInFlight}; socket disconnects ${notify.disconnects}`,
    );
    if (notify.firstPatchError) fail(`first PATCH error: ${notify.firstPatchError}`);
    step('4. Peak resident memory of the services over the round (sockets still connected)');
    r.memory = {};
    for (const name of ['auth', 'tasks', 'notifications']) {
      if (pids[name]) r.memory[name] = memoryOf(pids[name]);
      else fail(`no process found for ${name}`);
    }
  } finally {
    closeSockets(connect.sockets);
  }

  const broken = [];
  for (const [what, x] of [
    ['the bare server at the open-loop rate', r.ceilingOpen],
    ['the board page', r.board],
    ['the board page at the open-loop rate', r.boardOpen],
  ]) {
    if (x.bad) broken.push(`${what} answered errors (${x.detail})`);
  }
  if (r.writes.errors) broken.push(`${r.writes.errors} task writes failed: ${r.writes.firstError}`);
  if (r.chain.lost || r.chain.publishErrors)
    broken.push(`the raw event chain lost ${r.chain.lost} events (${r.chain.publishErrors} publishes refused)`);
  if (r.notify.lost || r.notify.patchErrors)
    broken.push(`${r.notify.lost} notifications never arrived, ${r.notify.patchErrors} PATCHes failed`);
  return { r, broken };
}

/**
 * Setup, then REPEAT rounds; resolves { rounds, broken, lines } — `lines` the notes under the table. The stack
 * must be running (`ensureStack`).
 */
export async function measureStackGroup() {
  step(`Setting up: ${USERS + 1} users, a project with ${USERS} members and ${TASKS} tasks, and one for the writes`);
  const started = Date.now();
  const board = await setUpBoard();
  const world = { ...board, writes: await setUpWrites(board.owner, board.users) };
  ok(`Set up in ${fmt((Date.now() - started) / 1000)} s`);
  const ceiling = await startCeiling(board.project.id);
  const rounds = [];
  const broken = [];
  try {
    for (let round = 0; round < REPEAT; round++) {
      const result = await measureRound(world, ceiling, round);
      rounds.push(result.r);
      broken.push(...result.broken.map((b) => (REPEAT > 1 ? `round ${round + 1}: ${b}` : b)));
    }
  } finally {
    await ceiling.stop();
  }
  const last = rounds.at(-1);
  const lines = [
    `Closed loop: autocannon, ${CONNECTIONS} connections, ${DURATION_S} s after a 2 s warm-up; req/s is the mean of the per-second samples. ` +
      "Open loop: requests due at even intervals at half the ceiling's closed-loop req/s over 50 keep-alive connections (the bench's own " +
      'sender, scripts/bench/open-loop.mjs), 2 s warm-up then the same length, latency counted from when each request was due; the bare ' +
      'server, then the board page.',
    `Task writes: ${WRITE_RATE} PATCHes a second for ${WRITE_SECONDS} s (a title, a status, an assignee in turn) on ${WRITE_TASKS} tasks of a project of their own, ` +
      'open loop through nginx, timed from the request sent to the answer read; shown beside the board page’s open-loop p99 (no budget of their own).',
    `Notifications: ${last.notify.connected} sockets through nginx over ${USERS} users (${last.notify.failed} failed), ${ASSIGN_RATE * ASSIGN_SECONDS} PATCHes ` +
      `open loop at ${ASSIGN_RATE}/s; latency = PATCH sent → first \`notification\` on one of the assignee's sockets. The raw chain: the same ` +
      'rate and socket count, its sockets straight to bench/event-chain.mjs (no nginx); latency = publish → the socket has it.',
    'Memory: VmHWM of each service process, its peak reset (clear_refs) at the start of the round, read at its end with the sockets still connected.',
  ];
  if (last.notify.failed) lines.push(`${last.notify.failed} sockets failed to connect: ${last.notify.firstError}`);
  return { rounds, broken, lines };
}
