import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** What the browser tests share: unique names per run, signing up, a new project, finding a board column. */

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

/** Creates a project from the projects page's form and waits for its board. */
export async function createProject(page: Page, name: string): Promise<void> {
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** An email as the test stack's mail catcher (maildev) lists it. */
export type CaughtEmail = { subject: string; to: Array<{ address: string; name?: string }>; text?: string };

/** Every email the mail catcher has received for `address`, oldest first. */
export async function emailsTo(address: string): Promise<CaughtEmail[]> {
  const response = await fetch(`${process.env.E2E_MAIL_URL}/email`);
  if (!response.ok) throw new Error(`mail catcher answered ${response.status}`);
  const emails = (await response.json()) as CaughtEmail[];
  return emails.filter((email) => email.to.some((to) => to.address.toLowerCase() === address.toLowerCase()));
}

/** axe's serious and critical WCAG 2.1 A/AA violations on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
