import { column, createProject, register, run } from './support';
import { expect, test, type Browser, type Page } from '@playwright/test';

/**
 * The core story with two people in two browsers: Alice shares a project with Bob and assigns
 * him a task; Bob hears about it live (badge, toast), reads it, and sees Alice's change on his
 * board without reloading.
 */

const alice = { name: 'Alice Example', email: `alice-${run}@example.test` };
const bob = { name: 'Bob Example', email: `bob-${run}@example.test` };
const projectName = `Launch ${run}`;
const taskTitle = `Write the release notes ${run}`;

const LIVE = { timeout: 10_000 };

async function openAs(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

const badge = (page: Page) => page.getByTestId('unread-badge');
const bell = (page: Page) => page.getByRole('button', { name: /^Notifications, \d+ unread$/ });

test('two people share a project and see each other live', async ({ browser }) => {
  const alicePage = await openAs(browser);
  const bobPage = await openAs(browser);

  await register(alicePage, alice);
  await register(bobPage, bob);
  // A fresh account has nothing unread: the badge is not rendered at all.
  await expect(bell(bobPage)).toHaveAccessibleName('Notifications, 0 unread');
  await expect(badge(bobPage)).toHaveCount(0);

  // Alice creates a project and adds Bob to it.
  await createProject(alicePage, projectName);
  await alicePage
    .getByRole('navigation', { name: 'Project' })
    .getByRole('link', { name: /^Members/ })
    .click();
  await alicePage.getByLabel('Email', { exact: true }).fill(bob.email);
  await alicePage.getByLabel('Role').selectOption('member');
  await alicePage.getByRole('button', { name: 'Add member' }).click();
  await expect(alicePage.getByRole('list', { name: 'Members' }).getByText(bob.email)).toBeVisible();

  // Bob hears about it without reloading.
  await expect(badge(bobPage)).toHaveText('1', LIVE);
  await expect(bell(bobPage)).toHaveAccessibleName('Notifications, 1 unread');
  // …and the shared project appears in his list, also without a reload.
  await expect(bobPage.getByRole('link', { name: new RegExp(projectName) })).toBeVisible(LIVE);

  // Clear the first toast so the next assertion can only pass on a new one.
  for (const dismiss of await bobPage.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
  await expect(bobPage.getByTestId('toast')).toHaveCount(0);

  // Alice creates a task assigned to Bob.
  await alicePage.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Board' }).click();
  await alicePage.getByLabel('Title', { exact: true }).fill(taskTitle);
  await expect(
    alicePage.getByLabel('Assignee', { exact: true }).getByRole('option', { name: bob.name }),
  ).toBeAttached();
  await alicePage.getByLabel('Assignee', { exact: true }).selectOption({ label: bob.name });
  await alicePage.getByLabel('Priority').selectOption('high');
  await alicePage.getByRole('button', { name: 'Add task' }).click();
  const aliceCard = column(alicePage, 'To do').getByRole('article', { name: taskTitle });
  await expect(aliceCard).toBeVisible();
  await expect(aliceCard.getByTestId('task-assignee')).toHaveText(bob.name);

  // Bob: badge 2 and a toast, still without a reload.
  await expect(badge(bobPage)).toHaveText('2', LIVE);
  await expect(bobPage.getByTestId('toast').first()).toBeVisible(LIVE);

  // Bob reads both notifications and marks them all read.
  await bell(bobPage).click();
  const panel = bobPage.getByRole('region', { name: 'Notifications' });
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(badge(bobPage)).toHaveCount(0);
  await expect(bell(bobPage)).toHaveAccessibleName('Notifications, 0 unread');
  await bobPage.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // After a reload Bob is still signed in (silent refresh) and the server agrees nothing is unread.
  const unreadAfterReload = bobPage.waitForResponse(
    (response) => response.url().includes('/api/notifications/unread-count') && response.ok(),
  );
  await bobPage.reload();
  expect(await (await unreadAfterReload).json()).toEqual({ count: 0 });
  await expect(bobPage.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await expect(bobPage).not.toHaveURL(/\/login/);
  await expect(bell(bobPage)).toHaveAccessibleName('Notifications, 0 unread');
  await expect(badge(bobPage)).toHaveCount(0);

  // Bob opens the shared board and sees the task.
  await bobPage.getByRole('link', { name: new RegExp(projectName) }).click();
  await expect(bobPage.getByRole('heading', { level: 1, name: projectName })).toBeVisible();
  await expect(column(bobPage, 'To do').getByRole('article', { name: taskTitle })).toBeVisible();

  // Alice moves it to In progress; Bob's board follows without a reload.
  await alicePage.getByLabel(`Status of ${taskTitle}`).selectOption('in_progress');
  await expect(column(alicePage, 'In progress').getByRole('article', { name: taskTitle })).toBeVisible();
  await expect(column(bobPage, 'In progress').getByRole('article', { name: taskTitle })).toBeVisible(LIVE);
  await expect(column(bobPage, 'To do').getByRole('article', { name: taskTitle })).toHaveCount(0);

  await alicePage.context().close();
  await bobPage.context().close();
});
