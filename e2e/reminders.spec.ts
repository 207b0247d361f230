import { column, emailsTo, register, run } from './support';
import { expect, test, type Page } from '@playwright/test';

/**
 * A reminder reaches its person twice, in the bell and by email, at the time chosen on the task;
 * once reminder emails are switched off in the settings, it reaches the bell only.
 */

const rita = { name: 'Rita Reminder', email: `rita-${run}@example.test` };
const sam = { name: 'Sam Sentinel', email: `sam-${run}@example.test` };

// The due time is typed into a datetime-local input: the browser's zone decides what it means.
test.use({ timezoneId: 'UTC' });

const MINUTE = 60_000;
const REMIND_MINUTES_BEFORE = 2;

/**
 * The input takes whole minutes, so the reminder falls on a minute boundary: the first one at least
 * 15 s away (time to fill the form in before it passes), with the task due two minutes after it.
 */
function planReminder(now = Date.now()) {
  const remindAt = Math.ceil((now + 15_000) / MINUTE) * MINUTE;
  const dueAt = remindAt + REMIND_MINUTES_BEFORE * MINUTE;
  return { remindAt, dueInput: new Date(dueAt).toISOString().slice(0, 16) };
}

/** Creates a task with one custom reminder; returns when the reminder is due. */
async function createTaskWithReminder(page: Page, title: string): Promise<number> {
  const { remindAt, dueInput } = planReminder();
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Due', { exact: true }).fill(dueInput);
  // The defaults (a day and an hour before) are already past for a task due this soon.
  await page.getByRole('button', { name: '1 day before', exact: true }).click();
  await page.getByRole('button', { name: '1 hour before', exact: true }).click();
  await page.getByRole('button', { name: 'Custom…' }).click();
  await page.getByLabel('Remind me').fill(String(REMIND_MINUTES_BEFORE));
  await page.getByLabel('Unit').selectOption('minutes');
  await page.getByRole('button', { name: 'Add reminder' }).click();
  await expect(page.getByRole('list', { name: 'Chosen reminders' }).getByRole('listitem')).toHaveText([
    '2 minutes before×',
  ]);
  await page.getByRole('button', { name: 'Add task' }).click();
  await expect(column(page, 'To do').getByRole('article', { name: title })).toBeVisible();
  expect(Date.now(), 'the task was created before its reminder time').toBeLessThan(remindAt);
  return remindAt;
}

/** Waits for the reminder in the bell (it arrives live), then closes the bell again. */
async function expectReminderInBell(page: Page, title: string, remindAt: number): Promise<void> {
  const wait = { timeout: remindAt - Date.now() + 30_000 };
  await expect(page.getByTestId('toast').filter({ hasText: `: ${title}` })).toBeVisible(wait);
  await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  await expect(panel.getByRole('link', { name: new RegExp(`Due in 2 minutes: ${title}`) })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
}

/** What each email to `address` says: its subject and its text (a batch's subject names no task). */
const inbox = async (address: string) =>
  (await emailsTo(address)).map((email) => `${email.subject}\n${email.text ?? ''}`);

test('a reminder reaches the bell and the inbox, and only the bell once its emails are off', async ({ browser }) => {
  test.setTimeout(300_000);
  const page = await (await browser.newContext()).newPage();
  const samPage = await (await browser.newContext()).newPage();
  await register(samPage, sam);
  await samPage.getByLabel('Project name').fill(`Sentinel ${run}`);
  await samPage.getByRole('button', { name: 'Create project' }).click();
  await expect(samPage.getByRole('heading', { level: 1, name: `Sentinel ${run}` })).toBeVisible();

  await register(page, rita);
  await page.getByLabel('Project name').fill(`Deadlines ${run}`);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Deadlines ${run}` })).toBeVisible();

  // 1. Reminders on: the bell, then the email.
  const first = `Send the invoice ${run}`;
  const firstAt = await createTaskWithReminder(page, first);
  await expectReminderInBell(page, first, firstAt);
  await expect
    .poll(() => inbox(rita.email), { timeout: 30_000 })
    .toContainEqual(expect.stringMatching(new RegExp(`^Due in 2 minutes: ${first}\n`)));

  // 2. Reminder emails off, from the settings page the header links to.
  await page.getByRole('link', { name: 'Notification settings' }).click();
  await expect(page).toHaveURL(/\/settings\/notifications$/);
  const reminderEmails = page.getByRole('switch', { name: 'Reminders by email' });
  await expect(reminderEmails).toBeChecked();
  await reminderEmails.click();
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('status')).toHaveText('✓ Saved');
  await page.reload();
  await expect(page.getByRole('switch', { name: 'Reminders by email' })).not.toBeChecked();
  await expect(page.getByRole('switch', { name: 'Reminders in app' })).toBeChecked();

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: `Deadlines ${run}` })).toBeVisible();
  const second = `Renew the domain ${run}`;
  const secondAt = await createTaskWithReminder(page, second);
  await expectReminderInBell(page, second, secondAt);

  // 3. The sentinel: an email sent after the reminder (being added to a project always emails).
  // Reminder emails go out at once and this one waits for its batch, so had the reminder been
  // emailed it would be in the inbox by the time the sentinel is.
  await samPage
    .getByRole('navigation', { name: 'Project' })
    .getByRole('link', { name: /^Members/ })
    .click();
  await samPage.getByLabel('Email', { exact: true }).fill(rita.email);
  await samPage.getByRole('button', { name: 'Add member' }).click();
  await expect(samPage.getByRole('list', { name: 'Members' }).getByText(rita.email)).toBeVisible();
  await expect
    .poll(() => inbox(rita.email), { timeout: 30_000 })
    .toContainEqual(expect.stringContaining(`Sentinel ${run}`));

  const aboutSecond = (await inbox(rita.email)).filter((email) => email.includes(second));
  expect(aboutSecond, 'no email about the second reminder').toEqual([]);

  await page.context().close();
  await samPage.context().close();
});
