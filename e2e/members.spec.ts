import { callApi, createProjectWithMembers, signUpByApi } from './api';
import { run } from './support';
import { expect, test, type Page } from '@playwright/test';

/**
 * Managing a project's people through nginx, two people in two browsers: the owner changes a role
 * and removes someone, a member leaves, and the owner deletes the project.
 */

const membersPage = (page: Page, projectId: string) => page.goto(`/projects/${projectId}/members`);
const memberRow = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Members' }).getByRole('listitem', { name, exact: true });

test('change a role, remove a member, a member leaves, the owner deletes the project', async ({ browser, request }) => {
  const ownerContext = await browser.newContext();
  const mateContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  const matePage = await mateContext.newPage();

  const owner = await signUpByApi(ownerPage.request, { name: 'Olive Owner', email: `olive-${run}@example.test` });
  const mate = await signUpByApi(matePage.request, { name: 'Milo Member', email: `milo-${run}@example.test` });
  const cleo = await signUpByApi(request, { name: 'Cleo Colleague', email: `cleo-${run}@example.test` });
  const rex = await signUpByApi(request, { name: 'Rex Removed', email: `rex-${run}@example.test` });
  const name = `Team ${run}`;
  const projectId = await createProjectWithMembers(request, owner, name, [
    { user: mate },
    { user: cleo },
    { user: rex },
  ]);
  // Rex has a task in the project: removing him hands it back to nobody.
  const rexTask = await callApi<{ id: string }>(request, owner, 'POST', `/api/projects/${projectId}/tasks`, {
    title: `Rex's task ${run}`,
    assigneeId: rex.id,
  });

  // A plain member sees the roles and only their own Leave button.
  await membersPage(matePage, projectId);
  await expect(memberRow(matePage, 'Cleo Colleague')).toContainText('Member');
  await expect(matePage.getByRole('combobox')).toHaveCount(0);
  await expect(matePage.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  await expect(memberRow(matePage, 'Milo Member').getByRole('button', { name: 'Leave project' })).toBeVisible();

  // The owner makes Cleo an admin.
  await membersPage(ownerPage, projectId);
  await expect(memberRow(ownerPage, 'Olive Owner').getByRole('button')).toHaveCount(0);
  await ownerPage.getByLabel('Role of Cleo Colleague').selectOption('admin');
  await expect
    .poll(async () => {
      const { items } = await callApi<{ items: Array<{ userId: string; role: string }> }>(
        request,
        cleo,
        'GET',
        `/api/projects/${projectId}/members`,
      );
      return items.find((m) => m.userId === cleo.id)?.role;
    })
    .toBe('admin');
  await matePage.reload();
  await expect(memberRow(matePage, 'Cleo Colleague')).toContainText('Admin');

  // The owner removes Rex, after confirming; Rex loses the project and his task is unassigned.
  await memberRow(ownerPage, 'Rex Removed').getByRole('button', { name: 'Remove Rex Removed' }).click();
  const confirm = ownerPage.getByRole('group', { name: 'Confirm removing Rex Removed' });
  await expect(confirm).toContainText(`Remove Rex Removed from ${name}?`);
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(memberRow(ownerPage, 'Rex Removed')).toHaveCount(0);
  await expect(ownerPage.getByRole('link', { name: 'Members (3)' })).toBeVisible();
  await callApi(request, rex, 'GET', `/api/projects/${projectId}`, undefined, 404);
  const task = await callApi<{ assigneeId: string | null }>(request, owner, 'GET', `/api/tasks/${rexTask.id}`);
  expect(task.assigneeId).toBeNull();

  // Milo leaves, after confirming, and lands on his projects without this one.
  await matePage.reload();
  await memberRow(matePage, 'Milo Member').getByRole('button', { name: 'Leave project' }).click();
  await matePage
    .getByRole('group', { name: 'Confirm leaving' })
    .getByRole('button', { name: 'Leave', exact: true })
    .click();
  await expect(matePage).toHaveURL(/\/projects$/);
  await expect(
    matePage.getByRole('list', { name: 'Your projects' }).getByRole('link', { name: /My tasks/ }),
  ).toBeVisible();
  await expect(matePage.getByRole('link', { name: new RegExp(name) })).toHaveCount(0);
  await ownerPage.reload();
  await expect(memberRow(ownerPage, 'Milo Member')).toHaveCount(0);

  // Only the owner sees the delete section; Cleo (admin) may rename but not delete.
  await callApi(request, cleo, 'DELETE', `/api/projects/${projectId}`, undefined, 403);

  // The owner deletes the project: the button waits for its exact name.
  await ownerPage.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Settings' }).click();
  const deleteButton = ownerPage.getByRole('button', { name: 'Delete project' });
  await expect(deleteButton).toBeDisabled();
  await ownerPage.getByLabel(`Type ${name} to confirm`).fill(`${name} (not quite)`);
  await expect(deleteButton).toBeDisabled();
  await ownerPage.getByLabel(`Type ${name} to confirm`).fill(name);
  await deleteButton.click();
  await expect(ownerPage).toHaveURL(/\/projects$/);
  await expect(
    ownerPage.getByRole('list', { name: 'Your projects' }).getByRole('link', { name: /My tasks/ }),
  ).toBeVisible();
  await expect(ownerPage.getByRole('link', { name: new RegExp(name) })).toHaveCount(0);
  await callApi(request, cleo, 'GET', `/api/projects/${projectId}`, undefined, 404);

  await ownerContext.close();
  await mateContext.close();
});

test('an admin renames and describes a project; a plain member cannot', async ({ browser, request }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const owner = await signUpByApi(request, { name: 'Ona Owner', email: `ona-${run}@example.test` });
  const admin = await signUpByApi(page.request, { name: 'Ada Admin', email: `ada-admin-${run}@example.test` });
  const projectId = await createProjectWithMembers(request, owner, `Rename me ${run}`, [
    { user: admin, role: 'admin' },
  ]);

  await page.goto(`/projects/${projectId}/settings`);
  await expect(page.getByRole('button', { name: 'Delete project' })).toHaveCount(0);
  await page.getByLabel('Project name').fill(`Renamed ${run}`);
  await page.getByLabel('Description').fill('Where the launch is planned');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `Renamed ${run}` })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Description')).toHaveValue('Where the launch is planned');

  // Demoted meanwhile: the page offers nothing to change any more once it is reloaded.
  await callApi(request, owner, 'PATCH', `/api/projects/${projectId}/members/${admin.id}`, { role: 'member' });
  await page.reload();
  await expect(page.getByText('Only the owner or an admin can rename or describe this project.')).toBeVisible();
  await expect(page.getByLabel('Project name')).toHaveCount(0);
  await context.close();
});
