import { expect, test, type Locator, type Page } from '@playwright/test';
import { password, run } from './support';

/**
 * The API reference at /api/docs: Swagger UI (from the swagger-ui-dist package) over the three services'
 * OpenAPI documents. Each document is selectable and renders every operation it describes, under the
 * gateway's Content-Security-Policy without a violation or a script error, and "Try it out" calls the
 * running stack: a login answers a token, which "Authorize" then sends with an authenticated call.
 */

const SERVICES = ['tasks', 'auth', 'notifications'] as const;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface OpenApiDocument {
  info: { title: string };
  paths: Record<string, Record<string, unknown>>;
}

/** "METHOD /path" of every operation a document describes, sorted. */
const operationsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths)
    .flatMap(([path, item]) => METHODS.filter((method) => method in item).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();

/** Console errors (a CSP violation is one, and the listener below names it) and uncaught page errors. */
async function watchForProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  // Chromium logs a violation to the console too; the event names the directive plainly.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline code')));`,
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

const chooseDocument = (page: Page, service: (typeof SERVICES)[number]) =>
  page.getByLabel('Select a definition').selectOption(`/api/${service}/openapi.json`);

/** The operation block of `method path`, expanded, with its Execute button showing. */
async function openOperation(page: Page, method: string, path: string): Promise<Locator> {
  const operation = page
    .locator(`.opblock.opblock-${method}`)
    .filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });
  await operation.locator('.opblock-summary').click();
  // "Try it out" is on from the start (tryItOutEnabled): the Execute button is there at once.
  await expect(operation.getByRole('button', { name: 'Execute' })).toBeVisible();
  return operation;
}

/** Executes the operation; resolves the response the stack really sent (not Swagger UI's rendering of it). */
async function execute(page: Page, operation: Locator, path: string) {
  const [response] = await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === path),
    operation.getByRole('button', { name: 'Execute' }).click(),
  ]);
  return response;
}

const liveStatus = (operation: Locator) => operation.locator('.live-responses-table tbody .response-col_status');
const liveBody = (operation: Locator) => operation.locator('.live-responses-table .highlight-code');

test('the API reference renders every operation of each service under the CSP', async ({ page, request }) => {
  const problems = await watchForProblems(page);
  const response = await page.goto('/api/docs');
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self';");

  for (const service of SERVICES) {
    const document = (await (await request.get(`/api/${service}/openapi.json`)).json()) as OpenApiDocument;
    const operations = operationsOf(document);
    expect(operations.length, `${service} describes operations`).toBeGreaterThan(0);

    await chooseDocument(page, service);
    await expect(page.locator('.information-container .title')).toContainText(document.info.title);
    const rendered = page.locator('#swagger-ui .opblock');
    await expect(rendered).toHaveCount(operations.length);
    const shown: string[] = [];
    for (const block of await rendered.all()) {
      const method = await block.locator('.opblock-summary-method').textContent();
      shown.push(`${method} ${await block.locator('.opblock-summary-path').getAttribute('data-path')}`);
    }
    expect(shown.sort(), `the operations of the ${service} document`).toEqual(operations);
  }

  expect(problems).toEqual([]);
});

test('"Try it out" logs in against the running stack and calls an authenticated operation', async ({
  page,
  request,
}) => {
  const person = { name: 'Api Docs Reader', email: `api-docs-${run}@example.test` };
  expect((await request.post('/api/auth/register', { data: { ...person, password } })).status()).toBe(201);
  const problems = await watchForProblems(page);
  await page.goto('/api/docs');
  await chooseDocument(page, 'auth');

  const login = await openOperation(page, 'post', '/api/auth/login');
  await login.locator('textarea.body-param__text').fill(JSON.stringify({ email: person.email, password }));
  const loggedIn = await execute(page, login, '/api/auth/login');
  expect(loggedIn.status()).toBe(200);
  const { accessToken } = (await loggedIn.json()) as { accessToken: string };
  await expect(liveStatus(login)).toHaveText('200');
  await expect(liveBody(login)).toContainText(accessToken);

  // The bearer scheme takes the token the login answered.
  await page.locator('.scheme-container').getByRole('button', { name: 'Authorize' }).click();
  const dialog = page.locator('.dialog-ux');
  await dialog.getByLabel('auth-bearer-value').fill(accessToken);
  await dialog.getByRole('button', { name: 'Apply credentials' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();

  const me = await openOperation(page, 'get', '/api/auth/me');
  const answered = await execute(page, me, '/api/auth/me');
  expect(answered.status()).toBe(200);
  expect(answered.request().headers()['authorization']).toBe(`Bearer ${accessToken}`);
  await expect(liveStatus(me)).toHaveText('200');
  await expect(liveBody(me)).toContainText(person.email);

  expect(problems).toEqual([]);
});
