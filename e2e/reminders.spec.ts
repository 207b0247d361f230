import { column, createProject, emailsTo, register, run } from './support';
import { expect, test, type Page } from '@playwright/test';

/**
 * A reminder reaches its person twice, in the bell and by email, at the time chosen on the task;
 * for someone who has switched reminder emails off in the settings, it reaches the bell only.
 * Both reminders fall on the same minute, so the test waits for one reminder time, not two.
 */

const rita = { name: 'Rita Reminder', email: `rita-${run}@example.test` };
const otto = { name: 'Otto Offline', email: `otto-${run}@example.test` };
const sam = { name: 'Sam Sentinel', email: `sam-${run}@example.test` };

// The due time is typed into a datetime-local input: the browser's zone decides what it means.
test.use({ timezoneId: 'UTC' });

const MINUTE = 60_000;
const REMIND_MINUTES_BEFORE = 2;

/**
 * The input takes whole minutes, so the reminder falls on a minute boundary: the first one at least
 * `leadMs` away (time to fill the forms in before it passes), with the task due two minutes after it.
 */
function planReminder(leadMs: number, now = Date.now()) {
  const remindAt = Math.ceil((now + leadMs) / MINUTE) * MINUTE;
  const dueAt = remindAt + REMIND_MINUTES_BEFORE * MINUTE;
  return { remindAt, dueInput: new Date(dueAt).toISOString().slice(0, 16) };
}

/** Creates a task with one custom reminder, two minutes before it is due. */
async function createTaskWithReminder(page: Page, title: string, dueInput: string): Promise<void> {
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

/** Registers `person` and opens a new project of theirs. */
async function registerWithProject(page: Page, person: { name: string; email: string }, project: string) {
  await register(page, person);
  await createProject(page, project);
}

test('a reminder reaches the bell and the inbox, and only the bell once its emails are off', async ({ browser }) => {
  test.setTimeout(180_000);
  const newPage = async () => (await browser.newContext()).newPage();
  const [page, ottoPage, samPage] = await Promise.all([newPage(), newPage(), newPage()]);
  await registerWithProject(samPage, sam, `Sentinel ${run}`);
  await registerWithProject(page, rita, `Deadlines ${run}`);
  await registerWithProject(ottoPage, otto, `Renewals ${run}`);

  // 1. Otto switches reminder emails off, from the settings page the header links to.
  await ottoPage.getByRole('link', { name: 'Notification settings' }).click();
  await expect(ottoPage).toHaveURL(/\/settings\/notifications$/);
  const reminderEmails = ottoPage.getByRole('switch', { name: 'Reminders by email' });
  await expect(reminderEmails).toBeChecked();
  await reminderEmails.click();
  await expect(ottoPage.getByRole('region', { name: 'Notifications' }).getByRole('status')).toHaveText('✓ Saved');
  await ottoPage.reload();
  await expect(ottoPage.getByRole('switch', { name: 'Reminders by email' })).not.toBeChecked();
  await expect(ottoPage.getByRole('switch', { name: 'Reminders in app' })).toBeChecked();
  await ottoPage.goBack();
  await expect(ottoPage.getByRole('heading', { level: 1, name: `Renewals ${run}` })).toBeVisible();

  // 2. Both make a task whose reminder falls on the same minute.
  const { remindAt, dueInput } = planReminder(25_000);
  const first = `Send the invoice ${run}`;
  const second = `Renew the domain ${run}`;
  await createTaskWithReminder(page, first, dueInput);
  await createTaskWithReminder(ottoPage, second, dueInput);
  expect(Date.now(), 'both tasks were created before their reminder time').toBeLessThan(remindAt);

  // 3. Rita, whose emails are on: the bell, then the email. Otto: the bell.
  await expectReminderInBell(page, first, remindAt);
  await expectReminderInBell(ottoPage, second, remindAt);
  await expect
    .poll(() => inbox(rita.email), { timeout: 30_000 })
    .toContainEqual(expect.stringMatching(new RegExp(`^Due in 2 minutes: ${first}\n`)));

  // 4. The sentinel: an email sent to Otto after his reminder (being added to a project always
  // emails). Reminder emails go out at once and this one waits for its batch, so had the reminder
  // been emailed it would be in the inbox by the time the sentinel is.
  await samPage
    .getByRole('navigation', { name: 'Project' })
    .getByRole('link', { name: /^Members/ })
    .click();
  await samPage.getByLabel('Email', { exact: true }).fill(otto.email);
  await samPage.getByRole('button', { name: 'Add member' }).click();
  await expect(samPage.getByRole('list', { name: 'Members' }).getByText(otto.email)).toBeVisible();
  await expect
    .poll(() => inbox(otto.email), { timeout: 30_000 })
    .toContainEqual(expect.stringContaining(`Sentinel ${run}`));

  const aboutSecond = (await inbox(otto.email)).filter((email) => email.includes(second));
  expect(aboutSecond, 'no email about the second reminder').toEqual([]);

  for (const p of [page, ottoPage, samPage]) await p.context().close();
});
