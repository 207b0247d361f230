import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { NotificationListQuery, type Notification } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import { problem, startApiServer, type ApiServer } from '../../../../test/api-server';
import { FakeIntersectionObserver } from '../../../../test/intersection-observer';
import { makeNotifications } from '../../../../test/notifications';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { addLiveNotification } from '../api/notification-cache';
import { NotificationFeed } from './notification-feed';

let server: ApiServer;
let stored: Notification[];
let listFails: boolean;
let uninstallObserver: () => void;

beforeEach(async () => {
  stored = makeNotifications(45);
  listFails = false;
  uninstallObserver = FakeIntersectionObserver.install();
  // Answers as the notifications service does: newest first, the cursor is the last id of a page.
  server = await startApiServer(({ method, path, query }) => {
    if (method === 'GET' && path === '/api/notifications') {
      if (listFails) return { status: 503, body: 'unavailable' };
      const { limit, cursor, unread } = NotificationListQuery.parse(Object.fromEntries(query));
      const listed = stored.filter((n) => (!unread || n.readAt === null) && (!cursor || n.id < cursor));
      const items = listed.slice(0, limit);
      return { status: 200, body: { items, nextCursor: listed.length > limit ? items.at(-1)!.id : null } };
    }
    if (method === 'GET' && path === '/api/notifications/unread-count') {
      return { status: 200, body: { count: stored.filter((n) => n.readAt === null).length } };
    }
    const read = /^\/api\/notifications\/([^/]+)\/read$/.exec(path);
    if (method === 'POST' && read) {
      stored = stored.map((n) => (n.id === read[1] ? { ...n, readAt: new Date().toISOString() } : n));
      return { status: 204 };
    }
    if (method === 'POST' && path === '/api/notifications/read-all') return { status: 204 };
    return problem(404, ErrorCode.routeNotFound, 'No such route');
  });
});

afterEach(async () => {
  uninstallObserver();
  await server.close();
});

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

function renderAt(url: string) {
  const client = createTestQueryClient();
  render(
    <TestProviders client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/notifications" element={<NotificationFeed />} />
          <Route path="/projects/:projectId/tasks/:taskId" element={<h1>The task</h1>} />
        </Routes>
        <Location />
      </MemoryRouter>
    </TestProviders>,
  );
  return client;
}

const listRequests = () => server.requests.filter((r) => r.method === 'GET' && r.path === '/api/notifications');
const items = (name = 'All notifications') => within(screen.getByRole('list', { name })).getAllByRole('listitem');
const location = () => screen.getByTestId('location').textContent;

describe('the notifications page', () => {
  it('loads the next page from "Load more" and when the end of the list scrolls into view', async () => {
    renderAt('/notifications');
    await waitFor(() => expect(items()).toHaveLength(20));
    expect(items()[0]?.textContent).toContain('Notification 1');
    expect(listRequests()[0]?.query.get('unread')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(items()).toHaveLength(40));
    expect(listRequests()[1]?.query.get('cursor')).toBe(stored[19]?.id);

    // The button's row is the sentinel: scrolling it into view asks for the last page.
    const sentinel = screen.getByRole('button', { name: 'Load more' }).parentElement!;
    act(() => FakeIntersectionObserver.scrollIntoView(sentinel));
    await waitFor(() => expect(items()).toHaveLength(45));
    expect(listRequests()[2]?.query.get('cursor')).toBe(stored[39]?.id);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByText("That's all of them.")).toBeTruthy();
  });

  it('keeps "Unread only" in the address and asks the server for unread ones only', async () => {
    renderAt('/notifications');
    await waitFor(() => expect(items()).toHaveLength(20));

    await userEvent.click(screen.getByRole('switch', { name: 'Unread only' }));
    expect(location()).toBe('/notifications?unread=1');
    await waitFor(() => expect(items('Unread notifications')).toHaveLength(20));
    expect(listRequests().at(-1)?.query.get('unread')).toBe('true');
    for (const item of items('Unread notifications')) expect(item.textContent).toMatch(/^Unread: /);

    await userEvent.click(screen.getByRole('switch', { name: 'Unread only' }));
    expect(location()).toBe('/notifications');
    await waitFor(() => expect(items()).toHaveLength(20));
  });

  it('opens with the filter the address asks for', async () => {
    renderAt('/notifications?unread=1');
    await waitFor(() => expect(items('Unread notifications')).toHaveLength(20));
    expect((screen.getByRole('switch', { name: 'Unread only' }) as HTMLInputElement).checked).toBe(true);
    expect(listRequests().map((r) => r.query.get('unread'))).toEqual(['true']);
  });

  it('opening a notification marks it read and follows its link', async () => {
    renderAt('/notifications');
    const first = stored[0]!;
    await userEvent.click(await screen.findByRole('link', { name: /^Unread: Notification 1 / }));
    expect(await screen.findByRole('heading', { name: 'The task' })).toBeTruthy();
    expect(location()).toBe(first.link);
    await waitFor(() =>
      expect(server.requests.some((r) => r.method === 'POST' && r.path === `/api/notifications/${first.id}/read`)).toBe(
        true,
      ),
    );
  });

  it('marks all read at once', async () => {
    renderAt('/notifications');
    await waitFor(() => expect(items()).toHaveLength(20));
    const markAll = screen.getByRole('button', { name: 'Mark all read' });
    await waitFor(() => expect((markAll as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(markAll);
    await waitFor(() => expect(items().every((item) => !item.textContent?.startsWith('Unread: '))).toBe(true));
    expect(server.requests.some((r) => r.method === 'POST' && r.path === '/api/notifications/read-all')).toBe(true);
  });

  it('puts a notification that arrives live at the top', async () => {
    const client = renderAt('/notifications');
    await waitFor(() => expect(items()).toHaveLength(20));
    const [live] = makeNotifications(1);
    act(() => addLiveNotification(client, { ...live!, id: 'live-1', title: 'Due in 10 minutes: Ship it' }));
    await waitFor(() => expect(items()[0]?.textContent).toContain('Due in 10 minutes: Ship it'));
    expect(items()).toHaveLength(21);
  });

  it('says so when there is nothing, and when the list cannot be loaded', async () => {
    stored = [];
    listFails = true;
    renderAt('/notifications');
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load your notifications.');

    listFails = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'No notifications yet' })).toBeTruthy();
  });
});
