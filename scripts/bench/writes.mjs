// Task writes at a low rate: WRITE_RATE PATCHes a second (title, status and assignee in turn), open loop through
// nginx, on a project of their own. At this rate the median says little; a stall, where requests queue for a
// few hundred ms and then finish together, shows in the p99, the max and the count of slow ones.
import { request } from './http.mjs';
import { sendOpenLoop } from './open-loop.mjs';
import { SLOW_WRITE_MS, WRITE_RATE, WRITE_SECONDS, WRITE_TASKS, base } from './options.mjs';
import { createProject } from './setup.mjs';
import { percentile } from './stats.mjs';

const STATUSES = ['todo', 'in_progress', 'done'];
/** People who take turns as the writes' assignees (members of the writes' project). */
const ASSIGNEES = 10;

/** A project of the owner's with ASSIGNEES members and WRITE_TASKS tasks, kept apart from the board's. */
export async function setUpWrites(owner, users) {
  const members = users.slice(0, ASSIGNEES);
  const { tasks } = await createProject(owner, 'Bench writes', members, WRITE_TASKS, 'Bench write');
  return { owner, members, tasks };
}

/** The k-th write of the `round`-th repeat: a title, a status or an assignee, in turn. */
function writeBody(k, round, members) {
  const n = round * WRITE_RATE * WRITE_SECONDS + k;
  const turn = Math.floor(n / 3);
  if (n % 3 === 0) return { title: `Bench write, edit ${n}` };
  if (n % 3 === 1) return { status: STATUSES[turn % STATUSES.length] };
  return { assigneeId: members[turn % members.length].id };
}

/** WRITE_RATE × WRITE_SECONDS PATCHes, open loop; resolves p50 / p99 / max (ms) and how many took > SLOW_WRITE_MS. */
export async function measureWrites({ owner, members, tasks }, round) {
  const ms = [];
  let errors = 0;
  let firstError;
  const total = WRITE_RATE * WRITE_SECONDS;
  const sent = await sendOpenLoop({
    rate: WRITE_RATE,
    total,
    send: async (k) => {
      const task = tasks[k % tasks.length];
      try {
        const res = await request('PATCH', `${base}/api/tasks/${task.id}`, {
          token: owner.token,
          body: writeBody(k, round, members),
        });
        ms.push(res.ms);
        if (res.status !== 200) {
          errors++;
          firstError ??= `HTTP ${res.status} ${JSON.stringify(res.body)}`.slice(0, 200);
        }
      } catch (error) {
        errors++;
        firstError ??= error.message;
      }
    },
  });
  return {
    sent: total,
    rate: sent.rate,
    maxInFlight: sent.maxInFlight,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: percentile(ms, 100),
    slow: ms.filter((x) => x > SLOW_WRITE_MS).length,
    errors,
    firstError,
  };
}
