import { afterEach, beforeEach, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from '@taskflow/contracts/api';
import { ErrorCode } from '@taskflow/contracts/errors';
import {
  deferred,
  problem,
  startApiServer,
  type ApiAnswer,
  type ApiServer,
  type Deferred,
} from '../../../../test/api-server';
import { createTestQueryClient, TestProviders } from '../../../../test/providers';
import { NotificationPreferencesSettings } from './notification-preferences';

let server: ApiServer;
let stored: NotificationPreferences;
/** The answer to the next PUT, held until the test gives it. */
let putAnswer: Deferred<ApiAnswer>;

beforeEach(async () => {
  stored = structuredClone(DEFAULT_NOTIFICATION_PREFERENCES);
  putAnswer = deferred<ApiAnswer>();
  server = await startApiServer(async ({ method, path, body }) => {
    if (path !== '/api/notifications/preferences') return problem(404, ErrorCode.routeNotFound, 'No such route');
    if (method === 'GET') return { status: 200, body: stored };
    const answer = await putAnswer.promise;
    if (answer.status === 200) stored = body as NotificationPreferences;
    return answer.status === 200 ? { status: 200, body: stored } : answer;
  });
  render(
    <TestProviders client={createTestQueryClient()}>
      <NotificationPreferencesSettings />
    </TestProviders>,
  );
  await screen.findByRole('table');
});

afterEach(async () => {
  putAnswer.resolve({ status: 500 });
  await server.close();
});

const toggle = (name: string) => screen.getByRole('switch', { name }) as HTMLInputElement;
/** The section's own status line (the toaster has one too). */
const saveStatus = () => within(screen.getByRole('region', { name: 'Notifications' })).getByRole('status');
const puts = () => server.requests.filter((r) => r.method === 'PUT');

it('shows every kind in both channels, the digest by email only', () => {
  const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
  expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
    expect.stringMatching(/^Assigned to you/),
    expect.stringMatching(/^Status changes/),
    expect.stringMatching(/^Comments/),
    expect.stringMatching(/^Reminders/),
    expect.stringMatching(/^Overdue digest/),
  ]);
  expect(screen.getAllByRole('switch')).toHaveLength(9);
  expect(screen.queryByRole('switch', { name: 'Overdue digest in app' })).toBeNull();
  expect(within(rows[4]!).getByText('Email only')).toBeTruthy();
  expect(toggle('Overdue digest by email').checked).toBe(true);
});

it('saves a change at once, sending the whole object, and says it is saved', async () => {
  await userEvent.click(toggle('Reminders by email'));
  // Off before the server answers…
  expect(toggle('Reminders by email').checked).toBe(false);
  await waitFor(() => expect(puts()).toHaveLength(1));
  expect(puts()[0]?.body).toEqual({
    inApp: DEFAULT_NOTIFICATION_PREFERENCES.inApp,
    email: { ...DEFAULT_NOTIFICATION_PREFERENCES.email, reminders: false },
  });
  expect(saveStatus().textContent).toBe('Saving…');

  putAnswer.resolve({ status: 200 });
  await waitFor(() => expect(saveStatus().textContent).toBe('✓ Saved'));
  expect(toggle('Reminders by email').checked).toBe(false);
  expect(stored.email.reminders).toBe(false);
});

it('puts the switch back and explains when the server refuses', async () => {
  await userEvent.click(toggle('Comments in app'));
  expect(toggle('Comments in app').checked).toBe(false);
  await waitFor(() => expect(puts()).toHaveLength(1));

  putAnswer.resolve(problem(503, ErrorCode.overloaded, 'The service is busy, try again in a moment'));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('Your change was not saved');
  expect(alert.textContent).toContain('The service is busy, try again in a moment');
  expect(toggle('Comments in app').checked).toBe(true);
  expect(saveStatus().textContent).toBe('');
});
