import AxeBuilder from '@axe-core/playwright';
import { run } from './support';
import { expect, test, type Page } from '@playwright/test';

/**
 * Every page built so far, checked with axe in light and dark mode and at phone width:
 * no serious or critical violations.
 */

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`pages have no serious accessibility violations (${colorScheme}, 375 px)`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 375, height: 800 } });
    const page = await context.newPage();

    await page.goto('/login');
    await expect(page.getByRole('button', { name: /sign in|log in/i })).toBeVisible();
    expect(await seriousViolations(page), 'login').toEqual([]);

    await page.goto('/register');
    await page.getByLabel('Name', { exact: true }).fill('Ada');
    await page.getByLabel('Email', { exact: true }).fill(`ada-${colorScheme}-${run}@example.test`);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The field error is shown and is itself accessible.
    await expect(page.getByText(/at least 8 characters/)).toBeVisible();
    expect(await seriousViolations(page), 'register with an error').toEqual([]);
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
    expect(await seriousViolations(page), 'projects').toEqual([]);

    await page.getByLabel('Project name').fill(`Board ${run}`);
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Board ${run}` })).toBeVisible();
    await page.getByLabel('Title', { exact: true }).fill('An accessible task');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect(page.getByRole('article', { name: 'An accessible task' })).toBeVisible();
    expect(await seriousViolations(page), 'board').toEqual([]);

    await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    await expect(page.getByRole('region', { name: 'Notifications' })).toBeVisible();
    expect(await seriousViolations(page), 'notifications dropdown').toEqual([]);
    await page.keyboard.press('Escape');

    await page
      .getByRole('navigation', { name: 'Project' })
      .getByRole('link', { name: /^Members/ })
      .click();
    await expect(page.getByRole('list', { name: 'Members' })).toBeVisible();
    expect(await seriousViolations(page), 'members').toEqual([]);

    // The notifications page, from the bell's "See all" link: a new account has none yet.
    await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    await page.getByRole('link', { name: 'See all notifications' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'All notifications' }).or(page.getByText('No notifications yet')),
    ).toBeVisible();
    expect(await seriousViolations(page), 'notifications').toEqual([]);
    await page.getByRole('switch', { name: 'Unread only' }).click();
    await expect(page).toHaveURL(/\?unread=1$/);
    await expect(
      page.getByRole('list', { name: 'Unread notifications' }).or(page.getByText('Nothing unread')),
    ).toBeVisible();
    expect(await seriousViolations(page), 'notifications, unread only').toEqual([]);

    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('switch', { name: 'Reminders by email' })).toBeVisible();
    await expect(
      page.getByLabel('Private calendar link').or(page.getByText('Could not load your calendar link')),
    ).toBeVisible();
    expect(await seriousViolations(page), 'notification settings').toEqual([]);
    await context.close();
  });
}

test('the core flow works with the keyboard alone', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('Name', { exact: true }).focus();
  await page.keyboard.type('Keyboard Kim');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`kim-${run}@example.test`);
  await page.keyboard.press('Tab');
  await page.keyboard.type('correct horse battery');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();

  await page.getByLabel('Project name').focus();
  await page.keyboard.type(`Keys ${run}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Keys ${run}` })).toBeVisible();
  await page.getByLabel('Title', { exact: true }).focus();
  await page.keyboard.type('Typed, not clicked');
  await page.keyboard.press('Enter');
  const card = page.getByRole('article', { name: 'Typed, not clicked' });
  await expect(card).toBeVisible();
  // Move it with the keyboard: focus the status select and choose Done.
  await card.getByLabel('Status of Typed, not clicked').focus();
  await page.keyboard.press('End');
  await expect(
    page.getByRole('region', { name: 'Done', exact: true }).getByRole('article', { name: 'Typed, not clicked' }),
  ).toBeVisible();
});
