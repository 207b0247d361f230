import { callApi, createProjectWithMembers, signUpByApi } from './api';
import { createProject, run, seriousViolations } from './support';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/**
 * Every page built so far, checked with axe in light and dark mode and at phone width:
 * no serious or critical violations.
 */

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

    await createProject(page, `Board ${run}`);
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

    await page.getByRole('link', { name: 'Notification settings' }).click();
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

/** A project with a teammate and dated tasks assigned to me, so every control of these pages shows. */
async function seedTeamProject(page: Page, request: APIRequestContext, tag: string) {
  const me = await signUpByApi(page.request, { name: 'Axel Axe', email: `axel-${tag}-${run}@example.test` });
  const mate = await signUpByApi(request, { name: 'Mae Mate', email: `mae-${tag}-${run}@example.test` });
  const projectId = await createProjectWithMembers(request, me, `Axe ${tag} ${run}`, [{ user: mate }]);
  const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
  for (const [title, dueAt, priority] of [
    ['Overdue thing', hours(-5), 'urgent'],
    ['Soon thing', hours(1), 'high'],
    ['Later thing', hours(24 * 10), 'low'],
    ['Undated thing', null, 'medium'],
  ] as const) {
    await callApi(request, me, 'POST', `/api/projects/${projectId}/tasks`, {
      title,
      dueAt,
      priority,
      assigneeId: me.id,
    });
  }
  return projectId;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`My tasks, members with their controls and project settings have no serious violations (${colorScheme}, 375 px)`, async ({
    browser,
    request,
  }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    const projectId = await seedTeamProject(page, request, colorScheme);

    await page.goto('/my-tasks');
    await expect(page.getByRole('list', { name: 'Overdue', exact: true })).toBeVisible();
    expect(await seriousViolations(page), 'my tasks').toEqual([]);
    await page.getByRole('list', { name: 'Overdue', exact: true }).getByRole('link').first().click();
    const drawer = page.getByRole('dialog', { name: 'Task: Overdue thing' });
    await expect(drawer.getByLabel('Title', { exact: true })).toHaveValue('Overdue thing');
    expect(await seriousViolations(page), 'task drawer over my tasks').toEqual([]);
    await drawer.getByRole('button', { name: 'Close task' }).click();
    await expect(page).toHaveURL(/\/my-tasks$/);

    await page.goto(`/projects/${projectId}/members`);
    await expect(page.getByLabel('Role of Mae Mate')).toBeVisible();
    await page.getByRole('button', { name: 'Remove Mae Mate' }).click();
    await expect(page.getByRole('group', { name: 'Confirm removing Mae Mate' })).toBeVisible();
    expect(await seriousViolations(page), 'members, confirming a removal').toEqual([]);

    await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('button', { name: 'Delete project' })).toBeVisible();
    expect(await seriousViolations(page), 'project settings').toEqual([]);
    await context.close();
  });
}

test('the theme button chooses dark in a light browser, remembers it per browser, and stays axe-clean', async ({
  browser,
  request,
}) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  const projectId = await seedTeamProject(page, request, 'toggle');
  const html = page.locator('html');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.goto(`/projects/${projectId}`);
  await expect(page.getByRole('button', { name: 'Theme: System' })).toBeVisible();
  const light = await background();
  await page.getByRole('button', { name: 'Theme: System' }).click();
  await expect(page.getByRole('button', { name: 'Theme: Light' })).toBeVisible();
  await expect(html).toHaveClass(/\blight\b/);
  await page.getByRole('button', { name: 'Theme: Light' }).click();
  await expect(page.getByRole('button', { name: 'Theme: Dark' })).toBeVisible();
  await expect(html).toHaveClass(/\bdark\b/);
  expect(await background()).not.toBe(light);
  expect(await seriousViolations(page), 'board, dark chosen').toEqual([]);

  // Remembered: a reload, and a new page of the same browser, start dark.
  await page.reload();
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(page.getByRole('button', { name: 'Theme: Dark' })).toBeVisible();
  const second = await context.newPage();
  await second.goto('/my-tasks');
  await expect(second.locator('html')).toHaveClass(/\bdark\b/);
  await expect(second.getByRole('list', { name: 'Overdue', exact: true })).toBeVisible();
  expect(await seriousViolations(second), 'my tasks, dark chosen').toEqual([]);

  // Back to the system's (light here): nothing is stored and the page is light again.
  await page.getByRole('button', { name: 'Theme: Dark' }).click();
  await expect(page.getByRole('button', { name: 'Theme: System' })).toBeVisible();
  await expect(html).not.toHaveClass(/\b(dark|light)\b/);
  expect(await background()).toBe(light);
  expect(await page.evaluate(() => localStorage.getItem('taskflow:theme'))).toBeNull();
  await context.close();
});
