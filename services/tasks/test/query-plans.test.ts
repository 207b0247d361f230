import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardJsonFirstPage, filteredBoardJsonQuery } from '../src/data/board-json';
import { filterConditions, type TaskFilter } from '../src/data/task.repository';
import { createProject, registerUser, type TestUser } from './factories';
import { startHarness, type Harness } from './harness';
import { planNodes, seqScansOf } from './plans';

/**
 * The board's reads stay index reads on a large project: 100 000 tasks seeded with one INSERT …
 * SELECT in a transaction that is rolled back, analysed, then each query the service runs is
 * EXPLAINed with the values a request would bind.
 */

const TASKS = 100_000;
const ASSIGNEES = ['8c5a3a0e-7d0e-4b7c-9a57-2b8f6c1d0001', '8c5a3a0e-7d0e-4b7c-9a57-2b8f6c1d0002'];

let h: Harness;
let owner: TestUser;
let projectId: string;
let client: PoolClient;

beforeAll(async () => {
  h = await startHarness();
  owner = await registerUser(h);
  projectId = (await createProject(h, owner)).id;
  client = await h.pool.connect();
  await client.query('BEGIN');
  // Titles from a small vocabulary, a quarter unassigned, the rest shared by a few people; one task
  // in 20 000 mentions "needle" (in its title or its description), the needle the search looks for.
  await client.query(
    `INSERT INTO tasks (project_id, title, description, status, priority, assignee_id, position, created_by)
     SELECT $1,
            (ARRAY['Fix','Write','Ship','Plan','Review'])[1 + g % 5] || ' '
              || (ARRAY['login','docs','release','budget','tests'])[1 + (g / 5) % 5] || ' ' || g
              || CASE WHEN g % 40000 = 0 THEN ' needle' ELSE '' END,
            CASE WHEN g % 40000 = 20000 THEN 'a needle in the notes' WHEN g % 3 = 0 THEN 'Some notes' ELSE '' END,
            (ARRAY['todo','in_progress','done'])[1 + g % 3]::task_status,
            (ARRAY['low','medium','high','urgent'])[1 + g % 4]::task_priority,
            CASE WHEN g % 4 = 0 THEN NULL ELSE ($3::uuid[])[1 + g % 2] END,
            's' || lpad(g::text, 6, '0'), $2
       FROM generate_series(1, ${TASKS}) g`,
    [projectId, owner.id, ASSIGNEES],
  );
  await client.query('ANALYZE tasks');
}, 60_000);

afterAll(async () => {
  await client?.query('ROLLBACK');
  client?.release();
  await h?.close();
});

const filteredPage = (filter: TaskFilter) =>
  filteredBoardJsonQuery(projectId, owner.id, filterConditions(filter), undefined, 50);
const filteredPlan = (filter: TaskFilter) => {
  const query = filteredPage(filter);
  return planNodes(client, query.sql, query.params);
};

describe(`query plans on a project of ${TASKS} tasks`, () => {
  it('seeded what it says', async () => {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM tasks WHERE project_id = $1', [projectId]);
    expect(rows[0].n).toBe(TASKS);
  });

  it('reads a board page through the board index', async () => {
    const nodes = await planNodes(client, boardJsonFirstPage, [projectId, owner.id, 50]);
    expect(seqScansOf(nodes, 'tasks')).toEqual([]);
    expect(nodes).toContainEqual(expect.objectContaining({ 'Index Name': 'tasks_board_idx' }));
  });

  it('reads a page filtered by status, assignee and priority through an index', async () => {
    const nodes = await filteredPlan({
      status: ['todo', 'in_progress'],
      assigneeId: ASSIGNEES[0],
      priority: ['high', 'urgent'],
    });
    expect(seqScansOf(nodes, 'tasks')).toEqual([]);
    expect(nodes.some((n) => n['Relation Name'] === 'tasks' && n['Index Name'])).toBe(true);
  });

  it('finds text in titles and descriptions through the trigram indexes', async () => {
    const nodes = await filteredPlan({ q: 'needle' });
    expect(seqScansOf(nodes, 'tasks')).toEqual([]);
    const used = nodes.map((n) => n['Index Name']);
    expect(used).toContain('tasks_title_trgm_idx');
    expect(used).toContain('tasks_description_trgm_idx');

    const search = filteredPage({ q: 'NEEDLE' });
    const { rows } = await client.query(search.sql, search.params);
    expect(rows[0].rows).toBe(TASKS / 20_000);
  });
});
