import { column, createProject, register, run } from './support';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';

/**
 * Moving cards by dragging them, with the mouse and with the keyboard, between two people in two
 * browsers: the order is saved (a reload keeps it), the other person's board follows without a
 * reload, and two people moving cards at the same moment end up with the same order.
 */

const LIVE = { timeout: 10_000 };

/** Tall enough that a column of four cards is on screen whole: a mouse cannot press what is scrolled away. */
async function openAs(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 1100 } })).newPage();
}

const titlesIn = (page: Page, name: string) => column(page, name).getByRole('article');
/** The titles of a column's cards, top to bottom, read in one go (cards move while they are read). */
const orderIn = (page: Page, name: string) => titlesIn(page, name).getByRole('heading', { level: 3 }).allTextContents();

async function expectOrder(page: Page, name: string, titles: string[]) {
  await expect.poll(() => orderIn(page, name), LIVE).toEqual(titles);
}

async function addTask(page: Page, title: string) {
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(column(page, 'To do').getByRole('article', { name: title })).toBeVisible();
}

/** Presses the mouse on the card's Move handle and lets go over `target` (above its middle unless `below`). */
async function dragWithMouse(page: Page, title: string, target: Locator, { below = false } = {}) {
  const handle = page.getByRole('button', { name: `Move ${title}` });
  await handle.scrollIntoViewIfNeeded();
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('card or target not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // Past the 5 px that tell a drag from a click, then on to the target in steps, as a hand would.
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
  const y = below ? to.y + to.height * 0.85 : to.y + to.height * 0.2;
  await page.mouse.move(to.x + to.width / 2, y, { steps: 15 });
  await page.mouse.move(to.x + to.width / 2, y + 1, { steps: 2 });
  await page.mouse.up();
}

const card = (page: Page, title: string) => page.getByRole('article', { name: title });

/** What dnd-kit's live region says to a screen reader right now. */
const announced = (page: Page) => page.locator('[id^="DndLiveRegion"]');

/**
 * Picks a card up from its Move handle with `pickUp`, presses `keys` one at a time — each waits for
 * the announcement it causes, as the board answers a key only after the last one — then `finish`.
 */
async function moveWithKeyboard(page: Page, title: string, keys: string[], finish = 'Space', pickUp = 'Space') {
  const handle = page.getByRole('button', { name: `Move ${title}` });
  await handle.focus();
  await page.keyboard.press(pickUp);
  await expect(handle).toHaveAttribute('aria-pressed', 'true');
  await expect(announced(page)).toHaveText(`Picked up task ${title}.`);
  for (const key of keys) {
    const before = await announced(page).textContent();
    await page.keyboard.press(key);
    await expect(announced(page)).not.toHaveText(before ?? '');
  }
  await page.keyboard.press(finish);
  await expect(announced(page)).toHaveText(finish === 'Escape' ? /^Cancelled\./ : /^Dropped task/);
}

test('cards move by mouse and keyboard, survive a reload, and move on the other board live', async ({ browser }) => {
  // Two people, a dozen moves, each awaited on both boards.
  test.setTimeout(150_000);
  const alice = await openAs(browser);
  const bob = await openAs(browser);
  await register(alice, { name: 'Dora Drag', email: `dora-${run}@example.test` });
  await register(bob, { name: 'Eli Drop', email: `eli-${run}@example.test` });

  const project = `Drag ${run}`;
  await createProject(alice, project);
  await alice
    .getByRole('navigation', { name: 'Project' })
    .getByRole('link', { name: /^Members/ })
    .click();
  await alice.getByLabel('Email', { exact: true }).fill(`eli-${run}@example.test`);
  await alice.getByRole('button', { name: 'Add member' }).click();
  await expect(alice.getByRole('list', { name: 'Members' }).getByText(`eli-${run}@example.test`)).toBeVisible();
  await alice.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Board' }).click();

  for (const title of ['Alpha', 'Bravo', 'Charlie', 'Delta']) await addTask(alice, title);
  await bob.getByRole('link', { name: new RegExp(project) }).click(LIVE);
  await expectOrder(bob, 'To do', ['Alpha', 'Bravo', 'Charlie', 'Delta']);

  // Mouse, across columns: Alpha onto the empty In progress column.
  await dragWithMouse(alice, 'Alpha', column(alice, 'In progress').getByTestId('column-scroll-in_progress'));
  await expectOrder(alice, 'In progress', ['Alpha']);
  await expectOrder(alice, 'To do', ['Bravo', 'Charlie', 'Delta']);
  await expectOrder(bob, 'In progress', ['Alpha']);

  // Mouse, within a column: Delta to the top of To do.
  await dragWithMouse(alice, 'Delta', card(alice, 'Bravo'));
  await expectOrder(alice, 'To do', ['Delta', 'Bravo', 'Charlie']);
  await expectOrder(bob, 'To do', ['Delta', 'Bravo', 'Charlie']);

  // Keyboard, across columns: Charlie picked up, moved right into In progress, dropped.
  await moveWithKeyboard(alice, 'Charlie', ['ArrowRight']);
  await expect(column(alice, 'In progress').getByRole('article', { name: 'Charlie' })).toBeVisible();
  await expectOrder(alice, 'To do', ['Delta', 'Bravo']);
  const inProgress = await orderIn(alice, 'In progress');
  expect([...inProgress].sort()).toEqual(['Alpha', 'Charlie']);
  await expectOrder(bob, 'In progress', inProgress);

  // Keyboard, within a column: Bravo up above Delta, announced with its place.
  await moveWithKeyboard(alice, 'Bravo', ['ArrowUp']);
  await expect(announced(alice)).toHaveText('Dropped task Bravo in To do, position 1 of 2.');
  await expectOrder(alice, 'To do', ['Bravo', 'Delta']);
  // Picked up with Enter, moved, and cancelled with Escape: nothing changes.
  await moveWithKeyboard(alice, 'Bravo', ['ArrowDown'], 'Escape', 'Enter');
  await expectOrder(alice, 'To do', ['Bravo', 'Delta']);
  await expectOrder(bob, 'To do', ['Bravo', 'Delta']);

  // What was saved is what a reload shows, on both boards.
  await alice.reload();
  await expectOrder(alice, 'To do', ['Bravo', 'Delta']);
  await expectOrder(alice, 'In progress', inProgress);
  await expectOrder(bob, 'To do', ['Bravo', 'Delta']);

  // Both move a card to the top of Done at the same moment: both boards end with the same order, and
  // it is the one the server keeps.
  await Promise.all([
    dragWithMouse(alice, 'Bravo', column(alice, 'Done').getByTestId('column-scroll-done')),
    dragWithMouse(bob, 'Alpha', column(bob, 'Done').getByTestId('column-scroll-done')),
  ]);
  await expect(titlesIn(alice, 'Done')).toHaveCount(2, LIVE);
  await expect(titlesIn(bob, 'Done')).toHaveCount(2, LIVE);
  const done = await orderIn(alice, 'Done');
  await expectOrder(bob, 'Done', done);
  await bob.reload();
  await expectOrder(bob, 'Done', done);
  await expectOrder(bob, 'To do', ['Delta']);

  await alice.context().close();
  await bob.context().close();
});

test('a drag the server refuses as stale goes back, says why, and shows the other person’s version', async ({
  browser,
}) => {
  const page = await openAs(browser);
  await register(page, { name: 'Fay Stale', email: `fay-${run}@example.test` });
  await createProject(page, `Stale drag ${run}`);
  await addTask(page, 'Contested');
  await addTask(page, 'Other');

  // The next move is answered as the server answers one made on an old version.
  await page.route('**/api/tasks/*', (route) =>
    route.request().method() === 'PATCH'
      ? route.fulfill({
          status: 412,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Precondition Failed',
            status: 412,
            detail: 'The task has changed since version 1; reload it',
            code: 'version_conflict',
          }),
        })
      : route.fallback(),
  );
  await dragWithMouse(page, 'Contested', column(page, 'Done').getByTestId('column-scroll-done'));
  await expect(page.getByTestId('toast').filter({ hasText: 'changed by someone else' })).toBeVisible();
  await expectOrder(page, 'To do', ['Contested', 'Other']);
  await expect(titlesIn(page, 'Done')).toHaveCount(0);
  await page.context().close();
});
