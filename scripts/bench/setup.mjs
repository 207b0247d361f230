// Setup, not measured: the people, the shared project and its tasks that the loads then work on.
import { connect as connectAmqp } from 'amqplib';
import { sleep } from '../lib/net.mjs';
import { expectStatus, pool, request } from './http.mjs';
import { TASKS, USERS, amqpUrl, base, ports, runId, stack } from './options.mjs';

async function register(i) {
  const body = await expectStatus(
    `register user ${i}`,
    // Straight to auth: nginx limits registration to 10/s per address; this is setup, not a figure.
    request('POST', `http://127.0.0.1:${ports.auth}/api/auth/register`, {
      body: { email: `bench-${runId}-${i}@example.test`, password: 'bench-password-1234', name: `Bench User ${i}` },
    }),
    201,
  );
  return { id: body.user.id, email: `bench-${runId}-${i}@example.test`, token: body.accessToken };
}

/** tasks learns users from events: wait until it lists the user's personal project. */
async function waitUntilKnown(user) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await request('GET', `${base}/api/projects`, { token: user.token });
    if (res.status === 200 && res.body?.items?.length > 0) return;
    await sleep(200);
  }
  throw new Error(`tasks did not learn user ${user.email} within 60 s`);
}

/** A project of the owner's named `name`, with `members` in it and `count` tasks titled `${title} <i>`. */
export async function createProject(owner, name, members, count, title) {
  const project = await expectStatus(
    `create project ${name}`,
    request('POST', `${base}/api/projects`, { token: owner.token, body: { name } }),
    201,
  );
  await pool(members, 10, (user) =>
    expectStatus(
      `add member ${user.email} to ${name}`,
      request('POST', `${base}/api/projects/${project.id}/members`, {
        token: owner.token,
        body: { email: user.email, role: 'member' },
      }),
      200,
      201,
    ),
  );
  const tasks = await pool(
    Array.from({ length: count }, (_, i) => i),
    10,
    (i) =>
      expectStatus(
        `create task ${i} in ${name}`,
        request('POST', `${base}/api/projects/${project.id}/tasks`, {
          token: owner.token,
          body: { title: `${title} ${i}` },
        }),
        201,
      ),
  );
  return { project, tasks };
}

/**
 * USERS + 1 people (an owner and the others), a project of the owner's with the others as members, and
 * TASKS tasks in it. Resolves { owner, users, project, tasks }.
 */
export async function setUpBoard() {
  const [owner, ...users] = await pool(
    Array.from({ length: USERS + 1 }, (_, i) => i),
    4, // auth lets one address have 4 password hashes running or waiting (HASH_QUEUE_PER_CLIENT); more get 429
    register,
  );
  await pool([owner, ...users], 20, waitUntilKnown);
  const { project, tasks } = await createProject(owner, 'Bench board', users, TASKS, 'Bench task');
  return { owner, users, project, tasks };
}

/** Resolves once the services' event queues have stayed empty for a second. */
export async function waitForQueuesToDrain(timeoutMs = 60_000) {
  const connection = await connectAmqp(amqpUrl);
  try {
    const channel = await connection.createChannel();
    const deadline = Date.now() + timeoutMs;
    let quietSince = 0;
    while (Date.now() < deadline) {
      let waiting = 0;
      for (const svc of ['tasks', 'notifications'])
        waiting += (await channel.checkQueue(`${stack.queuePrefix}.${svc}`)).messageCount;
      if (waiting === 0) {
        quietSince ||= Date.now();
        if (Date.now() - quietSince > 1000) return;
      } else {
        quietSince = 0;
      }
      await sleep(200);
    }
    throw new Error('the event queues did not drain within 60 s');
  } finally {
    await connection.close();
  }
}
