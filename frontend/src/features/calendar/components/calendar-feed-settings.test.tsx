import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ErrorCode } from '@taskflow/contracts/errors';
import { problem, startApiServer, type ApiServer } from '../../../../test/api-server';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { CalendarFeedSettings } from './calendar-feed-settings';

let server: ApiServer;
let token: number;
const feedUrl = () => `https://taskflow.example/api/calendar/${token}.ics`;

beforeEach(async () => {
  token = 1;
  server = await startApiServer(({ method, path }) => {
    if (path !== '/api/calendar/feed') return problem(404, ErrorCode.routeNotFound, 'No such route');
    if (method === 'POST') token += 1;
    return { status: 200, body: { url: feedUrl() } };
  });
  render(
    <TestProviders client={createTestQueryClient()}>
      <CalendarFeedSettings />
    </TestProviders>,
  );
});

afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
});

const link = () => screen.getByLabelText('Private calendar link') as HTMLInputElement;
const status = () => within(screen.getByRole('region', { name: 'Calendar feed' })).getByRole('status');

it('copies the link, or selects it for the person to copy when the clipboard refuses', async () => {
  await waitFor(() => expect(link().value).toBe(feedUrl()));
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Copy' }));
  expect(await navigator.clipboard.readText()).toBe(feedUrl());
  expect(status().textContent).toBe('Link copied.');

  vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('not allowed'));
  await user.click(screen.getByRole('button', { name: 'Copy' }));
  await waitFor(() => expect(status().textContent).toContain('press Ctrl+C'));
  expect(document.activeElement).toBe(link());
  expect([link().selectionStart, link().selectionEnd]).toEqual([0, feedUrl().length]);
});

it('resets the link only after the person confirms', async () => {
  await waitFor(() => expect(link().value).toBe(feedUrl()));
  const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
  await userEvent.click(screen.getByRole('button', { name: 'Reset link' }));
  expect(confirm.mock.calls[0]?.[0]).toContain('The old link stops working');
  expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

  confirm.mockReturnValue(true);
  await userEvent.click(screen.getByRole('button', { name: 'Reset link' }));
  await waitFor(() => expect(link().value).toBe('https://taskflow.example/api/calendar/2.ics'));
  expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  expect(screen.getByText('Calendar link reset')).toBeTruthy();
});
