import AxeBuilder from '@axe-core/playwright';
import { callApi, createProjectWithMembers, signUpByApi, type ApiUser } from './api';
import { run } from './support';
import { expect, test, type Browser, type Page } from '@playwright/test';

/**
 * The task drawer with two people in two browsers: opened from a notification and from a card,
 * every edit kept across a reload, a conflicting edit explained with the other person's value,
 * comments arriving live in the other person's open drawer, and no serious axe violations.
 */

const LIVE = { timeout: 10_000 };
/** A page load on a machine shared with builds and other suites. */
const LOAD = { timeout: 20_000 };

type Person = { page: Page; user: ApiUser };

/** Two people in their own browsers, signed in, sharing a project; `tag` keeps names unique. */
async function twoPeople(browser: Browser, tag: string, options: { colorScheme?: 'light' | 'dark' } = {}) {
  const open = async (name: string): Promise<Person> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const user = await signUpByApi(page.request, {
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}-${tag}-${run}@example.test`,
    });
    return { page, user };
  };
  const ana = await open('Ana Drawer');
  const bo = await open('Bo Drawer');
  const projectId = await createProjectWithMembers(ana.page.request, ana.user, `Drawer ${tag} ${run}`, [
    { user: bo.user },
  ]);
  return { ana, bo, projectId };
}

async function createTask(person: Person, projectId: string, body: Record<string, unknown>) {
  return callApi<{ id: string; title: string }>(
    person.page.request,
    person.user,
    'POST',
    `/api/projects/${projectId}/tasks`,
    body,
  );
}

const drawer = (page: Page) => page.getByRole('dialog', { name: /^Task/ });
const bell = (page: Page) => page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
const saved = (page: Page) =>
  page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/tasks/') && r.ok());

async function closeAll(...people: Person[]) {
  for (const person of people) await person.page.context().close();
}

test('opens a task from a notification, keeps an edited title and description across a reload, and closes with Back', async ({
  browser,
}) => {
  const { ana, bo, projectId } = await twoPeople(browser, 'open');
  const task = await createTask(ana, projectId, { title: 'Write the launch post', assigneeId: bo.user.id });

  // Bo learns of it in the bell (after being added to the project) and opens it from there.
  await bo.page.goto('/projects');
  await expect(bell(bo.page)).toHaveAccessibleName('Notifications, 2 unread', LOAD);
  await bell(bo.page).click();
  await bo.page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('link', { name: /Write the launch post/ })
    .click();
  await expect(bo.page).toHaveURL(new RegExp(`/projects/${projectId}/tasks/${task.id}$`));
  const panel = drawer(bo.page);
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel('Title', { exact: true })).toHaveValue('Write the launch post');

  const title = saved(bo.page);
  await panel.getByLabel('Title', { exact: true }).fill('Write and publish the launch post');
  await panel.getByLabel('Title', { exact: true }).press('Enter');
  await title;

  const description = panel.getByRole('group', { name: 'Description' });
  await description.getByRole('tab', { name: 'Write' }).click();
  await description.getByRole('textbox', { name: 'Description' }).fill('Draft by **Friday**\n\n- outline\n- review');
  await description.getByRole('tab', { name: 'Preview' }).click();
  await expect(description.getByRole('tabpanel').locator('strong')).toHaveText('Friday');
  // Closing with the description unsaved asks first; staying keeps the text.
  const question = new Promise<string>((resolve) =>
    bo.page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    }),
  );
  await panel.getByRole('button', { name: 'Close task' }).click();
  expect(await question).toContain('What you typed and did not save will be lost');
  await expect(panel).toBeVisible();
  await expect(description.getByRole('tabpanel').locator('strong')).toHaveText('Friday');
  const descriptionSaved = saved(bo.page);
  await panel.getByRole('button', { name: 'Save description' }).click();
  await descriptionSaved;

  await bo.page.reload();
  await expect(panel.getByLabel('Title', { exact: true })).toHaveValue('Write and publish the launch post', LOAD);
  await expect(panel.getByRole('group', { name: 'Description' }).locator('strong')).toHaveText('Friday');
  await expect(panel.getByRole('list', { name: 'Activity' })).toContainText('renamed it from “Write the launch post”');

  // Escape closes it onto the board, which shows the new title.
  await bo.page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(bo.page).toHaveURL(new RegExp(`/projects/${projectId}$`));
  const card = bo.page.getByRole('article', { name: 'Write and publish the launch post' });
  await expect(card).toBeVisible();

  // From a card it is a link: Back closes the drawer again.
  await card.locator(`a[href*="/tasks/${task.id}"]`).first().click();
  await expect(panel).toBeVisible();
  await bo.page.goBack();
  await expect(panel).toHaveCount(0);
  await expect(bo.page).toHaveURL(new RegExp(`/projects/${projectId}$`));
  await closeAll(ana, bo);
});

test('the second of two people editing the same title is told who changed it to what, and can take the latest', async ({
  browser,
}) => {
  const { ana, bo, projectId } = await twoPeople(browser, 'conflict');
  const task = await createTask(ana, projectId, { title: 'Pick a venue' });
  for (const { page } of [ana, bo]) {
    await page.goto(`/projects/${projectId}/tasks/${task.id}`);
    await expect(drawer(page).getByLabel('Title', { exact: true })).toHaveValue('Pick a venue', LOAD);
  }

  // Ana starts typing; Bo saves his title first; Ana's drawer hears of it but keeps what she typed.
  const anaTitle = drawer(ana.page).getByLabel('Title', { exact: true });
  await anaTitle.fill('Pick a venue in Lisbon');
  const boSaved = saved(bo.page);
  await drawer(bo.page).getByLabel('Title', { exact: true }).fill('Pick a venue in Porto');
  await drawer(bo.page).getByLabel('Title', { exact: true }).press('Enter');
  await boSaved;
  await expect(drawer(ana.page).getByRole('list', { name: 'Activity' })).toContainText('Pick a venue in Porto', LIVE);
  await expect(anaTitle).toHaveValue('Pick a venue in Lisbon');

  await anaTitle.press('Enter');
  const conflict = drawer(ana.page).getByRole('alert');
  await expect(conflict).toContainText('Bo Drawer changed this task while you were editing it');
  await expect(conflict.getByRole('list', { name: 'Their changes' })).toHaveText(
    'Title is now “Pick a venue in Porto”',
  );
  await expect(conflict.getByRole('list', { name: 'Your unsaved change' })).toHaveText(
    'Title: “Pick a venue in Lisbon”',
  );
  await expect(anaTitle).toHaveValue('Pick a venue in Lisbon');

  await conflict.getByRole('button', { name: 'Take the latest' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(anaTitle).toHaveValue('Pick a venue in Porto');
  await ana.page.reload();
  await expect(anaTitle).toHaveValue('Pick a venue in Porto', LOAD);
  await closeAll(ana, bo);
});

test('a comment shows in the other person’s open drawer without a reload, rings the assignee’s bell, and leaves when deleted', async ({
  browser,
}) => {
  const { ana, bo, projectId } = await twoPeople(browser, 'comment');
  const task = await createTask(ana, projectId, { title: 'Book the flights', assigneeId: bo.user.id });
  for (const { page } of [ana, bo]) await page.goto(`/projects/${projectId}/tasks/${task.id}`);
  // Added to the project, then assigned the task.
  await expect(bell(bo.page)).toHaveAccessibleName('Notifications, 2 unread', LOAD);
  await expect(drawer(bo.page).getByText('No comments yet.')).toBeVisible(LOAD);
  await expect(drawer(ana.page).getByText('No comments yet.')).toBeVisible(LOAD);

  const form = drawer(ana.page).getByRole('group', { name: 'Add a comment' });
  await form.getByRole('combobox', { name: 'Mention a member' }).selectOption({ label: 'Bo Drawer' });
  await form.getByRole('button', { name: 'Insert' }).click();
  await form.getByRole('textbox', { name: 'Add a comment' }).pressSequentially('can you take **Tuesday**?');
  await drawer(ana.page).getByRole('button', { name: 'Comment', exact: true }).click();

  const comments = drawer(bo.page).getByRole('list', { name: 'Comments' });
  const comment = comments.getByRole('listitem', { name: 'Comment by Ana Drawer' });
  await expect(comment).toContainText('@Bo Drawer can you take Tuesday?', LIVE);
  await expect(comment.locator('strong')).toHaveText('Tuesday');
  await expect(comment).not.toContainText(bo.user.id);
  // Bo may not delete Ana's comment; Ana may.
  await expect(comment.getByRole('button', { name: /^Delete comment/ })).toHaveCount(0);
  await expect(bell(bo.page)).toHaveAccessibleName('Notifications, 3 unread', LIVE);
  const { items } = await callApi<{ items: Array<{ title: string; link: string }> }>(
    bo.page.request,
    bo.user,
    'GET',
    '/api/notifications',
  );
  expect(items[0]).toEqual(
    expect.objectContaining({
      title: 'Ana Drawer mentioned you on Book the flights',
      link: expect.stringContaining(`/projects/${projectId}/tasks/${task.id}`),
    }),
  );

  ana.page.once('dialog', (dialog) => void dialog.accept());
  await drawer(ana.page).getByRole('button', { name: 'Delete comment by Ana Drawer' }).click();
  await expect(comment).toHaveCount(0, LIVE);
  await expect(drawer(bo.page).getByText('No comments yet.')).toBeVisible();
  await expect(drawer(bo.page).getByRole('list', { name: 'Activity' })).toContainText('Ana Drawer deleted a comment');
  await closeAll(ana, bo);
});

/** Serious or critical axe violations inside the open drawer (the only open <dialog>). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include('dialog[open]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the open drawer has no serious accessibility violations (${colorScheme}, 375 px)`, async ({ browser }) => {
    const { ana, bo, projectId } = await twoPeople(browser, `axe-${colorScheme}`, { colorScheme });
    // The header's theme toggle keeps its choice here; the dark run uses it as well as the system's.
    if (colorScheme === 'dark')
      await ana.page.context().addInitScript("localStorage.setItem('taskflow:theme', 'dark')");
    const task = await createTask(ana, projectId, {
      title: 'Check the contrast',
      description: 'Some **Markdown** with a [link](https://example.test) and `code`.',
      assigneeId: bo.user.id,
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      labels: ['design', 'a11y'],
    });
    await callApi(ana.page.request, ana.user, 'POST', `/api/tasks/${task.id}/comments`, {
      body: `Looks good, @[Bo Drawer](${bo.user.id})`,
    });
    await ana.page.setViewportSize({ width: 375, height: 800 });
    await ana.page.goto(`/projects/${projectId}/tasks/${task.id}`);
    const panel = drawer(ana.page);
    if (colorScheme === 'dark') await expect(ana.page.locator('html')).toHaveClass(/(^|\s)dark(\s|$)/, LOAD);
    await expect(panel.getByRole('list', { name: 'Comments' })).toContainText('@Bo Drawer', LOAD);
    await expect(panel.getByRole('list', { name: 'Activity' })).toContainText('commented');
    await expect(panel.getByRole('group', { name: 'Reminders' })).toBeVisible();
    // Nothing spills sideways at phone width.
    expect(
      await ana.page.evaluate('(d => d.scrollWidth <= d.clientWidth)(document.querySelector("dialog[open]"))'),
    ).toBe(true);
    expect(await seriousViolations(ana.page), 'task drawer').toEqual([]);
    await panel.getByRole('group', { name: 'Description' }).getByRole('tab', { name: 'Write' }).click();
    expect(await seriousViolations(ana.page), 'task drawer, writing').toEqual([]);
    await closeAll(ana, bo);
  });
}
