import { expect, type Page } from '@playwright/test';

/** What the browser tests share: unique names per run, signing up, finding a board column. */

export const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
export const password = 'correct-horse-battery';

/** Signs up through the form and waits for the projects page, signed in. */
export async function register(page: Page, person: { name: string; email: string }): Promise<void> {
  await page.goto('/register');
  await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

export const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
