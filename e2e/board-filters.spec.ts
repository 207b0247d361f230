import { callApi, createProjectWithMembers, signUpByApi } from './api';
import { column, run, seriousViolations } from './support';
import { expect, test, type Page } from '@playwright/test';

/** Filters, search and the list view live in the address: a reload or a shared link shows the same board. */

const LIVE = { timeout: 20_000 };
// A page load here fetches the app's chunks, a session and the board; on a busy machine that can take seconds.
const expectSoon = expect.configure({ timeout: 20_000 });
const cardsOn = (page: Page) => page.getByRole('article');
/** The titles of the cards on the board, read in one go (a card may leave while they are read). */
const titles = (page: Page) => cardsOn(page).getByRole('heading', { level: 3 }).allTextContents();

async function boardWithTasks(page: Page, who: string) {
  const user = await signUpByApi(page.request, { name: `Filter ${who}`, email: `filter-${who}-${run}@example.test` });
  const projectId = await createProjectWithMembers(page.request, user, `Filters ${who} ${run}`, []);
  const tasks = [
    { title: 'Fix the login bug', priority: 'urgent', labels: ['backend'] },
    { title: 'Write the docs', priority: 'low', labels: ['docs'] },
    { title: 'Plan the sprint', priority: 'high', dueAt: '2030-05-10T09:00:00.000Z', labels: ['backend'] },
  ];
  for (const task of tasks) await callApi(page.request, user, 'POST', `/api/projects/${projectId}/tasks`, task);
  await page.goto(`/projects/${projectId}`);
  // The first load of a board fetches the app's chunks and a session too: on a busy machine that takes a while.
  await expect(cardsOn(page)).toHaveCount(3, { timeout: 30_000 });
  return projectId;
}

test('filters and search are kept in the address and survive a reload; Clear filters shows everything', async ({
  page,
}) => {
  const projectId = await boardWithTasks(page, 'url');

  await page.getByRole('button', { name: /^Filters/ }).click();
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByLabel('Filter by label').fill('backend');
  await expectSoon(page).toHaveURL(/label=backend/);
  await expectSoon(cardsOn(page)).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Search tasks' }).fill('login');
  await expectSoon(page).toHaveURL(/q=login/);
  await expect.poll(() => titles(page), LIVE).toEqual(['Fix the login bug']);

  await page.reload();
  await expectSoon(page.getByRole('searchbox', { name: 'Search tasks' })).toHaveValue('login');
  await expectSoon(page.getByRole('group', { name: 'Filters' }).getByLabel('Filter by label')).toHaveValue('backend');
  await expect.poll(() => titles(page), LIVE).toEqual(['Fix the login bug']);

  // A shared link with a due-date filter opens the board filtered the same way.
  await page.goto(`/projects/${projectId}?dueBy=2030-06-01&priority=high`);
  await expect.poll(() => titles(page), LIVE).toEqual(['Plan the sprint']);
  await expectSoon(page.getByRole('group', { name: 'Filters' }).getByLabel('Filter by priority')).toHaveValue('high');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expectSoon(page).toHaveURL(new RegExp(`/projects/${projectId}$`));
  await expectSoon(cardsOn(page)).toHaveCount(3, LIVE);
});

test('the list view sorts by a column; the view and the sort survive a reload', async ({ page }) => {
  await boardWithTasks(page, 'list');
  await page.getByRole('button', { name: 'List', exact: true }).click();
  await expectSoon(page).toHaveURL(/view=list/);
  const table = page.getByRole('table');
  const rows = () => table.getByRole('row').filter({ has: page.getByRole('cell') });
  await expectSoon(rows()).toHaveCount(3);

  await table.getByRole('button', { name: /Priority/ }).click();
  await expectSoon(rows().first()).toContainText('Write the docs');
  await table.getByRole('button', { name: /Priority/ }).click();
  await expectSoon(page).toHaveURL(/sort=-priority/);
  await expectSoon(rows().first()).toContainText('Fix the login bug');
  await expectSoon(table.getByRole('columnheader', { name: /Priority/ })).toHaveAttribute('aria-sort', 'descending');

  await page.reload();
  await expectSoon(rows()).toHaveCount(3);
  await expectSoon(rows().nth(0)).toContainText('Fix the login bug');
  await expectSoon(rows().nth(1)).toContainText('Plan the sprint');
  await expectSoon(rows().nth(2)).toContainText('Write the docs');

  // A title leads to its task, keeping the list's address.
  await expectSoon(rows().first().getByRole('link', { name: 'Fix the login bug' })).toHaveAttribute(
    'href',
    /\/tasks\/[0-9a-f-]+\?view=list&sort=-priority$/,
  );
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the board with its filters open, the list view and the shortcuts dialog have no serious axe violations (${colorScheme}, 375 px)`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await boardWithTasks(page, `axe-${colorScheme}`);

    await page.getByRole('button', { name: /^Filters/ }).click();
    await expectSoon(page.getByRole('group', { name: 'Filters' })).toBeVisible();
    // At phone width the columns sit side by side and scroll sideways.
    await expectSoon(column(page, 'To do')).toBeVisible();
    expect(await seriousViolations(page), 'board, filters open').toEqual([]);

    await page.keyboard.press('?');
    await expectSoon(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect(await seriousViolations(page), 'shortcuts dialog').toEqual([]);
    await page.keyboard.press('Escape');
    await expectSoon(page.getByRole('dialog')).toHaveCount(0);

    await page.keyboard.press('/');
    await expectSoon(page.getByRole('searchbox', { name: 'Search tasks' })).toBeFocused();

    await page.getByRole('button', { name: 'List', exact: true }).click();
    await expectSoon(page.getByRole('table')).toBeVisible();
    expect(await seriousViolations(page), 'list view').toEqual([]);
    await context.close();
  });
}
