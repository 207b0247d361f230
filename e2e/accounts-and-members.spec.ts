import { createProject, run, password, register } from './support';
import { expect, test } from '@playwright/test';

/** Signing out and in again, the errors a person can run into, and the guard on private pages. */

test('log out, a wrong password is refused with a message, the right one signs in again', async ({ page }) => {
  const email = `carol-${run}@example.test`;
  await register(page, { name: 'Carol', email });
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);

  // Signed out means signed out: a private page sends you back to log in, even after a reload.
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill('not my password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong email or password');
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Your projects' }).getByRole('link', { name: /My tasks/ })).toBeVisible();
});

test('registering an email twice says so next to the field', async ({ page, browser }) => {
  const email = `dave-${run}@example.test`;
  await register(page, { name: 'Dave', email });
  const other = await (await browser.newContext()).newPage();
  await other.goto('/register');
  await other.getByLabel('Name', { exact: true }).fill('Dave Again');
  await other.getByLabel('Email', { exact: true }).fill(email.toUpperCase());
  await other.getByLabel('Password', { exact: true }).fill(password);
  await other.getByRole('button', { name: 'Create account' }).click();
  await expect(other.getByText(/account with this email already exists/i)).toBeVisible();
  await expect(other).toHaveURL(/\/register/);
  await other.context().close();
});

test('inviting an unknown email or an existing member explains what is wrong', async ({ page, browser }) => {
  const teammate = `erin-${run}@example.test`;
  const erin = await (await browser.newContext()).newPage();
  await register(erin, { name: 'Erin', email: teammate });
  await register(page, { name: 'Frank', email: `frank-${run}@example.test` });

  await createProject(page, `Invites ${run}`);
  await page
    .getByRole('navigation', { name: 'Project' })
    .getByRole('link', { name: /^Members/ })
    .click();

  const invite = async (email: string) => {
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Add member' }).click();
  };
  await invite(`nobody-${run}@example.test`);
  await expect(page.getByText(/No TaskFlow account uses/)).toBeVisible();

  await invite(teammate);
  await expect(page.getByRole('list', { name: 'Members' }).getByText(teammate)).toBeVisible();
  await expect(page.getByRole('link', { name: /^Members \(2\)/ })).toBeVisible();

  await invite(teammate);
  await expect(page.getByText(/already a member/)).toBeVisible();
  await erin.context().close();
});
