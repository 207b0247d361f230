import { expect, test } from '@playwright/test';
import { emailsTo, password, register, run, seriousViolations } from './support';

/**
 * Someone who forgot their password asks for a link on the login page, finds it in their inbox
 * (the stack's real SMTP mail catcher), sets a new password through it and signs in with it; the
 * browser that was still signed in with the old password is signed out.
 */
const rosa = { name: 'Rosa Reset', email: `rosa-${run}@example.test` };
const newPassword = 'lantern orchard seventeen';

test('a forgotten password is reset from the emailed link, and every old session ends', async ({ browser }) => {
  test.setTimeout(120_000);
  const before = await (await browser.newContext()).newPage();
  await register(before, rosa);

  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  expect(await seriousViolations(page), 'forgot password').toEqual([]);
  await page.getByLabel('Email', { exact: true }).fill(rosa.email);
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is on its way' })).toBeVisible();

  let link = '';
  await expect
    .poll(
      async () => {
        const email = (await emailsTo(rosa.email)).find((e) => e.subject === 'Reset your TaskFlow password');
        link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(email?.text ?? '')?.[0] ?? '';
        return link;
      },
      { timeout: 30_000, message: 'the reset email' },
    )
    .not.toBe('');

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  expect(await seriousViolations(page), 'reset password').toEqual([]);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your password is set' })).toBeVisible();

  // The link works once.
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('yet another fine phrase');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('alert')).toContainText('not valid');

  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(rosa.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong email or password');
  await page.getByLabel('Password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();

  // The browser signed in before the reset is signed out.
  await before.reload();
  await expect(before.getByRole('heading', { name: 'Log in to TaskFlow' })).toBeVisible();
});
