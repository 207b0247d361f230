import { afterEach, expect, it, vi } from 'vitest';
import { startApiServer, type ApiServer } from '../../../../test/api-server';
import { makeTask } from '../../../../test/fixtures';
import { UnexpectedResponseError } from '@/lib/api-error';
import { getAllTaskPages } from './all-task-pages';

const pages = [
  [makeTask({ title: 'One' }), makeTask({ title: 'Two' })],
  [makeTask({ title: 'Three' })],
  [makeTask({ title: 'Four' })],
];

let server: ApiServer | undefined;
afterEach(() => server?.close());

/** Serves `pages` one by one (cursor = the page's number); `broken` items replace a page's tasks. */
async function serve(broken?: { page: number; items: unknown[] }) {
  server = await startApiServer(({ query }) => {
    const page = Number(query.get('cursor') ?? 0);
    const items = broken?.page === page ? broken.items : pages[page];
    return { status: 200, body: { items, nextCursor: page + 1 < pages.length ? String(page + 1) : null } };
  });
  return server;
}

it('follows the cursor to the last page and keeps the server’s order', async () => {
  const { requests } = await serve();
  const tasks = await getAllTaskPages('/api/tasks', { assignee: 'me' });
  expect(tasks.map((t) => t.title)).toEqual(['One', 'Two', 'Three', 'Four']);
  expect(requests.map((r) => r.query.get('cursor'))).toEqual([null, '1', '2']);
  expect(requests.every((r) => r.query.get('assignee') === 'me' && r.query.get('limit') === '100')).toBe(true);
});

it('refuses a page whose tasks do not match the schema, having already asked for the next one', async () => {
  const { requests } = await serve({ page: 0, items: [{ id: 'not a task' }] });
  await expect(getAllTaskPages('/api/tasks', {})).rejects.toBeInstanceOf(UnexpectedResponseError);
  // The next page went out before this one was checked: checking never adds to a list's round trips.
  await vi.waitFor(() => expect(requests.map((r) => r.query.get('cursor'))).toEqual([null, '1']));
});
