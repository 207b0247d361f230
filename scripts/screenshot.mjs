#!/usr/bin/env node
// `npm run screenshot`: the README's picture of a real board, taken from a running TaskFlow.
// It signs up two people through the API (a new pair each run, so it never touches anyone's data),
// plans a small project between them, opens its board in Debian's Chromium and writes
// docs/screenshots/board.png. Start the stack first (`npm start`); point elsewhere with
// SCREENSHOT_URL (default http://localhost:8080).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { repoRoot } from './lib/system.mjs';

const baseUrl = (process.env.SCREENSHOT_URL || 'http://localhost:8080').replace(/\/$/, '');
const output = path.join(repoRoot, 'docs', 'screenshots', 'board.png');
const password = 'screenshot-password-1';
const stamp = Date.now().toString(36);
const DAY = 86_400_000;

async function call(token, method, pathname, body) {
  const res = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${pathname} answered ${res.status}: ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

/** Signs up through `post` (a browser context's request, so that browser is signed in too, or fetch). */
async function signUp(post, person) {
  const body = { ...person, email: `${person.email.split('@')[0]}+${stamp}@example.com`, password };
  const { accessToken, user } = await post('/api/auth/register', body);
  // The tasks service hears of a new user by an event; their personal project says it has.
  for (let tries = 0; ; tries += 1) {
    const { items } = await call(accessToken, 'GET', '/api/projects');
    if (items.length > 0) break;
    if (tries > 50) throw new Error('the tasks service never heard of the new user');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { ...user, token: accessToken };
}

async function main() {
  try {
    await fetch(`${baseUrl}/`);
  } catch {
    console.error(`Nothing answers at ${baseUrl}. Start TaskFlow first (npm start), or set SCREENSHOT_URL.`);
    process.exit(1);
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1360, height: 1000 },
      colorScheme: 'light',
      timezoneId: 'Europe/Berlin',
      locale: 'en-GB',
    });
    const viaBrowser = async (pathname, data) => {
      const res = await context.request.post(pathname, { data });
      if (!res.ok()) throw new Error(`POST ${pathname} answered ${res.status()}: ${await res.text()}`);
      return res.json();
    };
    const viaFetch = (pathname, body) => call(null, 'POST', pathname, body);

    const maya = await signUp(viaBrowser, { name: 'Maya Chen', email: 'maya@example.com', timezone: 'Europe/Berlin' });
    const leo = await signUp(viaFetch, { name: 'Leo Park', email: 'leo@example.com', timezone: 'Europe/Berlin' });
    const project = await call(maya.token, 'POST', '/api/projects', {
      name: 'Website relaunch',
      description: 'New site, new pricing page, live before the spring campaign.',
    });
    await call(maya.token, 'POST', `/api/projects/${project.id}/members`, { email: leo.email, role: 'admin' });

    const at = (days, hour) => {
      const date = new Date(Date.now() + days * DAY);
      date.setUTCHours(hour, 0, 0, 0);
      return date.toISOString();
    };
    const tasks = [
      {
        title: 'Write the launch announcement',
        assigneeId: maya.id,
        priority: 'high',
        dueAt: at(2, 15),
        labels: ['content'],
      },
      {
        title: 'Pricing page copy review',
        assigneeId: leo.id,
        priority: 'medium',
        dueAt: at(4, 10),
        labels: ['content'],
      },
      {
        title: 'Set up redirects from old URLs',
        assigneeId: leo.id,
        priority: 'urgent',
        dueAt: at(1, 9),
        labels: ['seo'],
      },
      { title: 'Cookie banner wording', priority: 'low', labels: ['legal'] },
      {
        title: 'Build the new pricing page',
        assigneeId: leo.id,
        priority: 'high',
        status: 'in_progress',
        dueAt: at(3, 16),
        labels: ['frontend'],
      },
      {
        title: 'Hero illustrations',
        assigneeId: maya.id,
        priority: 'medium',
        status: 'in_progress',
        dueAt: at(5, 12),
        labels: ['design'],
      },
      { title: 'Choose the hosting plan', assigneeId: maya.id, priority: 'medium', status: 'done', labels: ['ops'] },
      { title: 'Sitemap and page inventory', assigneeId: leo.id, priority: 'low', status: 'done', labels: ['seo'] },
    ];
    for (const task of tasks) await call(maya.token, 'POST', `/api/projects/${project.id}/tasks`, task);

    const page = await context.newPage();
    await page.goto(`/projects/${project.id}`);
    await page.getByRole('heading', { level: 1, name: 'Website relaunch' }).waitFor();
    for (const task of tasks) await page.getByText(task.title, { exact: true }).first().waitFor();
    // Let the fonts and the live connection settle (the bell's count arrives over the socket).
    await page.waitForLoadState('networkidle');
    mkdirSync(path.dirname(output), { recursive: true });
    await page.screenshot({ path: output });
    console.log(
      `Wrote ${path.relative(repoRoot, output)} from ${baseUrl}/projects/${project.id} (signed in as ${maya.email}).`,
    );
  } finally {
    await browser.close();
  }
}

await main();
