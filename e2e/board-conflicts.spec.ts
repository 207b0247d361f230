import { column, createProject, register, run } from './support';
import { expect, test, type Page } from '@playwright/test';

/** The board's optimistic updates: what a person sees when the server refuses a change. */

async function boardWithTask(page: Page, project: string, title: string): Promise<void> {
  await createProject(page, project);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(column(page, 'To do').getByRole('article', { name: title })).toBeVisible();
}

test('a change the server refuses is rolled back on the board and explained', async ({ page }) => {
  await register(page, { name: 'Gina', email: `gina-${run}@example.test` });
  const title = 'Refused move';
  await boardWithTask(page, `Rollback ${run}`, title);

  // The server (or the network) fails this once.
  await page.route('**/api/tasks/*', (route) =>
    route.request().method() === 'PATCH'
      ? route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Service Unavailable',
            status: 503,
            detail: 'Try again shortly',
            code: 'service_unavailable',
          }),
        })
      : route.fallback(),
  );
  await page.getByLabel(`Status of ${title}`).selectOption('done');
  await expect(page.getByTestId('toast').filter({ hasText: 'Could not update the task' })).toBeVisible();
  await expect(column(page, 'To do').getByRole('article', { name: title })).toBeVisible();
  await expect(column(page, 'Done').getByRole('article', { name: title })).toHaveCount(0);

  // Once the server answers again, the same change goes through and survives a reload.
  await page.unroute('**/api/tasks/*');
  await page.getByLabel(`Status of ${title}`).selectOption('done');
  await expect(column(page, 'Done').getByRole('article', { name: title })).toBeVisible();
  await page.reload();
  await expect(column(page, 'Done').getByRole('article', { name: title })).toBeVisible();
});

test('editing a task someone else changed meanwhile is refused (412) and shows their version', async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  // Bob's board cannot hear live updates (his socket is cut from the start), so it goes stale.
  await bob.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
  await register(alice, { name: 'Hana', email: `hana-${run}@example.test` });
  await register(bob, { name: 'Ivan', email: `ivan-${run}@example.test` });
  const title = 'Contested task';
  await boardWithTask(alice, `Conflict ${run}`, title);
  await alice
    .getByRole('navigation', { name: 'Project' })
    .getByRole('link', { name: /^Members/ })
    .click();
  await alice.getByLabel('Email', { exact: true }).fill(`ivan-${run}@example.test`);
  await alice.getByRole('button', { name: 'Add member' }).click();
  await expect(alice.getByRole('list', { name: 'Members' }).getByText(`ivan-${run}@example.test`)).toBeVisible();
  await alice.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Board' }).click();

  // Without live updates Bob learns of the project by reloading.
  await bob.reload();
  await bob.getByRole('link', { name: new RegExp(`Conflict ${run}`) }).click();
  await expect(column(bob, 'To do').getByRole('article', { name: title })).toBeVisible();

  await alice.getByLabel(`Status of ${title}`).selectOption('in_progress');
  await expect(column(alice, 'In progress').getByRole('article', { name: title })).toBeVisible();

  // Bob, still looking at version 1, moves it to Done: refused, told why, shown Alice's version.
  await bob.getByLabel(`Status of ${title}`).selectOption('done');
  await expect(bob.getByTestId('toast').filter({ hasText: 'changed by someone else' })).toBeVisible();
  await expect(column(bob, 'In progress').getByRole('article', { name: title })).toBeVisible();
  await expect(column(bob, 'Done').getByRole('article', { name: title })).toHaveCount(0);
  await alice.context().close();
  await bob.context().close();
});
