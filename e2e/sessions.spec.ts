import { expect, test } from '@playwright/test';
import { password, register, run, seriousViolations } from './support';

/**
 * "Sign out everywhere else" on the Account page ends a second browser's session: with no reload,
 * its live connection is closed by the server, its refresh is refused, and it is back at the login.
 */
const sara = { name: 'Sara Sessions', email: `sara-${run}@example.test` };

test('sign out everywhere else ends the other browser’s session and its live connection', async ({ browser }) => {
  test.setTimeout(90_000);
  const laptop = await (await browser.newContext()).newPage();
  await register(laptop, sara);

  const phone = await (await browser.newContext()).newPage();
  await phone.goto('/login');
  await phone.getByLabel('Email', { exact: true }).fill(sara.email);
  await phone.getByLabel('Password', { exact: true }).fill(password);
  await phone.getByRole('button', { name: 'Log in' }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();

  await laptop.getByTestId('current-user').click();
  await expect(laptop.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  const sessions = laptop.getByRole('region', { name: 'Where you are signed in' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByText('This browser')).toHaveCount(1);
  expect(await seriousViolations(laptop), 'account').toEqual([]);
  await sessions.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(sessions.getByRole('listitem')).toHaveCount(1);

  // The phone does nothing: the server closes its socket, its refresh fails, it shows the login.
  await expect(phone.getByRole('heading', { name: 'Log in to TaskFlow' })).toBeVisible({ timeout: 20_000 });
  // The laptop is still signed in.
  await laptop.reload();
  await expect(laptop.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
});
