import { callApi, createProjectWithMembers, signUpByApi } from './api';
import { run } from './support';
import { expect, test } from '@playwright/test';

/**
 * My tasks groups what is assigned to me across projects by due date in *my* time zone — the one in
 * my profile — not the browser's. Both zones are picked for this moment: where I live it is 10:xx,
 * so "3 hours from now" is later today; where the browser runs it is 22:xx, where the same moment is
 * already tomorrow. Grouping by the browser's zone would put that task under This week or Later.
 */

const HOUR = 3_600_000;

/** A fixed-offset IANA zone where the local hour is `hour` now (Etc/GMT signs are inverted). */
function zoneWhereHourIs(hour: number, at = new Date()): string {
  const offset = ((hour - at.getUTCHours() + 36) % 24) - 12; // -12 … +11
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

test('My tasks groups an overdue, a today and a later task in my time zone, and opens a task in the drawer', async ({
  browser,
  request,
}) => {
  const timezone = zoneWhereHourIs(10);
  const context = await browser.newContext({ timezoneId: zoneWhereHourIs(22) });
  const page = await context.newPage();
  const me = await signUpByApi(page.request, {
    name: 'Mona Mytasks',
    email: `mona-${run}@example.test`,
    timezone,
  });
  const mate = await signUpByApi(request, { name: 'Teo Teammate', email: `teo-${run}@example.test` });
  const shared = await createProjectWithMembers(request, mate, `Shared ${run}`, [{ user: me }]);

  const now = Date.now();
  const task = (projectId: string, by: typeof me, title: string, extra: Record<string, unknown>) =>
    callApi<{ id: string }>(request, by, 'POST', `/api/projects/${projectId}/tasks`, {
      title: `${title} ${run}`,
      assigneeId: me.id,
      ...extra,
    });
  // Assigned to me by a teammate in their project, and by myself in mine: both are mine.
  await task(shared, mate, 'Overdue report', { dueAt: new Date(now - 3 * HOUR).toISOString() });
  const today = await task(me.personalProjectId, me, 'Today call', { dueAt: new Date(now + 3 * HOUR).toISOString() });
  await task(shared, mate, 'Later launch', { dueAt: new Date(now + 10 * 24 * HOUR).toISOString(), priority: 'urgent' });
  await task(me.personalProjectId, me, 'Someday idea', {});
  // Not mine, or done: not listed.
  await task(shared, mate, 'Done already', { dueAt: new Date(now - HOUR).toISOString(), status: 'done' });
  await task(shared, mate, 'Teo’s own', { dueAt: new Date(now + HOUR).toISOString(), assigneeId: mate.id });

  await page.goto('/projects');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tasks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My tasks' })).toBeVisible();
  await expect(page.getByText(`in your time zone (${timezone})`)).toBeVisible();

  const group = (name: string) => page.getByRole('list', { name, exact: true }).getByRole('link');
  await expect(group('Overdue')).toHaveCount(1);
  await expect(group('Overdue')).toContainText([`Overdue report ${run}`]);
  await expect(group('Overdue').first()).toContainText(`Shared ${run}`);
  await expect(group('Today')).toHaveCount(1);
  await expect(group('Today')).toContainText([`Today call ${run}`]);
  await expect(group('Today').first()).toContainText(/Today, /);
  await expect(group('Later')).toHaveCount(1);
  await expect(group('Later').first()).toContainText(`Later launch ${run}`);
  await expect(group('Later').first()).toContainText('Urgent');
  await expect(group('No due date')).toHaveCount(1);
  await expect(page.getByText(`Done already ${run}`)).toHaveCount(0);
  await expect(page.getByText(`Teo’s own ${run}`)).toHaveCount(0);
  // The groups come soonest first; nothing is due later this week, so that group is not shown.
  const order = await page
    .locator('main ul[aria-label]')
    .evaluateAll((lists) => lists.map((l) => l.getAttribute('aria-label')));
  expect(order).toEqual(['Overdue', 'Today', 'Later', 'No due date']);

  // A row opens the task drawer over My tasks; marking it done there takes it off the list.
  await group('Today').first().click();
  await expect(page).toHaveURL(new RegExp(`/my-tasks/tasks/${today.id}$`));
  const drawer = page.getByRole('dialog', { name: `Task: Today call ${run}` });
  await expect(drawer.getByLabel('Title', { exact: true })).toHaveValue(`Today call ${run}`);
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(today.id) && r.ok());
  await drawer.getByLabel('Status', { exact: true }).selectOption('done');
  await saved;
  await drawer.getByRole('button', { name: 'Close task' }).click();
  await expect(page).toHaveURL(/\/my-tasks$/);
  await expect(page.getByRole('list', { name: 'Today', exact: true })).toHaveCount(0);
  await expect(group('Overdue')).toHaveCount(1);
  await context.close();
});
