/* global window, document, location, MutationObserver, requestAnimationFrame -- what runs in the browser page */
// The board in a real browser: the SPA's initial JavaScript (gzipped, from the build), and a 2 000-card board in
// Chromium — navigation to every column rendered, and long tasks during a drag across columns with the keyboard
// and with the mouse — each beside the same page with 50 cards, measured in the same run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { sleep } from '../lib/net.mjs';
import { repoRoot } from '../lib/system.mjs';
import { expectStatus, pool, request } from './http.mjs';
import { BIG_BOARD, base, ports, runId } from './options.mjs';
import { percentile } from './stats.mjs';

export { BIG_BOARD };
export const SMALL_BOARD = 50;
/** Page loads per board (after one warm-up load that fills the browser's cache); the median is reported. */
export const LOADS = 5;

const distDir = path.join(repoRoot, 'frontend', 'dist');
const gzipKb = (file) => gzipSync(readFileSync(path.join(distDir, file))).length / 1024;

/** The JavaScript index.html loads before anything else (its module scripts and module preloads), gzipped. */
export function initialJavaScript() {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]*\ssrc="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+\.js)"/g),
  ].map((m) => m[1]);
  return { files, kb: files.reduce((sum, file) => sum + gzipKb(file), 0) };
}

const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
const STATUSES = ['todo', 'in_progress', 'done'];

/** A person signed in in `context` (the refresh cookie is the browser's), with two boards: 2 000 and 50 cards. */
async function setUpBoards(context) {
  const email = `bench-ui-${runId}@example.test`;
  const registered = await context.request.post(`${base}/api/auth/register`, {
    data: { email, password: 'bench-password-1234', name: 'Bench Browser' },
  });
  if (registered.status() !== 201) throw new Error(`register: HTTP ${registered.status()} ${await registered.text()}`);
  const { accessToken: token } = await registered.json();
  const deadline = Date.now() + 60_000;
  while ((await request('GET', `${base}/api/projects`, { token })).body?.items?.length !== 1) {
    if (Date.now() > deadline) throw new Error('tasks did not learn the bench user within 60 s');
    await sleep(200);
  }
  const boards = {};
  for (const count of [BIG_BOARD, SMALL_BOARD]) {
    const project = await expectStatus(
      `create the ${count}-card project`,
      request('POST', `${base}/api/projects`, { token, body: { name: `Bench ${count} cards` } }),
      201,
    );
    // Straight at the tasks service: setup, not a figure (nginx is not in the way of what is measured later).
    await pool(
      Array.from({ length: count }, (_, i) => i),
      10,
      (i) =>
        expectStatus(
          `create task ${i}`,
          request('POST', `http://127.0.0.1:${ports.tasks}/api/projects/${project.id}/tasks`, {
            token,
            body: {
              title: `Bench card ${i}: a title as long as a real one tends to be`,
              status: STATUSES[i % 3],
              priority: PRIORITIES[i % 4],
              dueAt: i % 5 === 0 ? new Date(Date.now() + (i - count / 2) * 3_600_000).toISOString() : undefined,
            },
          }),
          201,
        ),
    );
    boards[count] = project.id;
  }
  return boards;
}

/**
 * Runs in the page before the app: notes the moment (ms since navigation) the columns' counts add up to the
 * board's size with cards on screen and the next frame has painted, and collects long tasks and frame gaps
 * while `window.__benchDrag` is on.
 */
function instrumentPage(sizes) {
  const expected = sizes[location.pathname.split('/')[2]];
  const total = () =>
    [...document.querySelectorAll('section[data-status] header')].reduce(
      (sum, header) => sum + Number(header.textContent?.match(/Tasks:\s*(\d+)/)?.[1] ?? 0),
      0,
    );
  const observer = new MutationObserver(() => {
    if (total() !== expected || !document.querySelector('[data-task-id]')) return;
    observer.disconnect();
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        window.__benchRendered = performance.now();
        // When the last answer of the board's task lists arrived: the rest of the time is the app's.
        window.__benchTasksFetched = Math.max(
          0,
          ...performance
            .getEntriesByType('resource')
            .filter((entry) => /\/api\/projects\/[^/]+\/tasks\?/.test(entry.name))
            .map((entry) => entry.responseEnd),
        );
      }),
    );
  });
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { childList: true, subtree: true, characterData: true }),
  );
  window.__benchLongTasks = [];
  window.__benchFrames = [];
  new PerformanceObserver((list) => {
    if (window.__benchDrag) for (const entry of list.getEntries()) window.__benchLongTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  let last = 0;
  const frame = (now) => {
    if (window.__benchDrag && last) window.__benchFrames.push(now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Loads the board and resolves the ms from navigation until every column is rendered. */
async function loadBoard(page, projectId) {
  await page.goto(`${base}/projects/${projectId}`);
  await page.waitForFunction(() => window.__benchRendered !== undefined, null, { timeout: 60_000 });
  return page.evaluate(() => ({ rendered: window.__benchRendered, tasksFetched: window.__benchTasksFetched }));
}

const handleIn = (page, status, index = 0) =>
  page.locator(`section[data-status="${status}"] [data-drag-handle]`).nth(index);

async function collectDrag(page, drag) {
  await page.evaluate(() => {
    window.__benchLongTasks = [];
    window.__benchFrames = [];
    window.__benchDrag = true;
  });
  await drag();
  // The drop's optimistic update and the saved answer land; their work counts too.
  await sleep(1000);
  return page.evaluate(() => {
    window.__benchDrag = false;
    return { longTasks: window.__benchLongTasks, frames: window.__benchFrames };
  });
}

/** Picks the top To do card up with the keyboard, carries it right across two columns and down, and drops it. */
function keyboardDrag(page) {
  return collectDrag(page, async () => {
    await handleIn(page, 'todo').focus();
    for (const key of ['Space', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'Space']) {
      await page.keyboard.press(key);
      await sleep(150); // a person's pace; dnd-kit also takes keys only after a pick-up has settled
    }
  });
}

/** Drags the second To do card with the mouse to the middle of the Done column, one frame's move at a time. */
function mouseDrag(page) {
  return collectDrag(page, async () => {
    const from = await handleIn(page, 'todo', 1).boundingBox();
    const to = await page.locator('section[data-status="done"]').boundingBox();
    const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
    const end = { x: to.x + to.width / 2, y: to.y + Math.min(to.height / 2, 400) };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    const steps = 40;
    for (let i = 1; i <= steps; i++) {
      await page.mouse.move(start.x + ((end.x - start.x) * i) / steps, start.y + ((end.y - start.y) * i) / steps);
      await sleep(16);
    }
    await page.mouse.up();
  });
}

const summary = ({ longTasks, frames }) => ({
  count: longTasks.length,
  longest: longTasks.length ? Math.max(...longTasks) : 0,
  total: longTasks.reduce((a, b) => a + b, 0),
  longestFrame: frames.length ? Math.max(...frames) : 0,
  frameP95: frames.length ? percentile(frames, 95) : 0,
});

/** One board: LOADS timed loads after a warm-up, the cards in the page, then a keyboard and a mouse drag. */
async function measureBoard(page, projectId) {
  await loadBoard(page, projectId); // warm-up: the browser's cache holds the app from here on
  const timings = [];
  for (let i = 0; i < LOADS; i++) timings.push(await loadBoard(page, projectId));
  const loads = timings.map((t) => t.rendered);
  const cardsInPage = await page.locator('[data-task-id]').count();
  const heapMb = await page.evaluate(() => (performance.memory?.usedJSHeapSize ?? 0) / 1048576);
  const keyboard = summary(await keyboardDrag(page));
  const mouse = summary(await mouseDrag(page));
  return {
    renderMs: percentile(loads, 50),
    tasksFetchedMs: percentile(
      timings.map((t) => t.tasksFetched),
      50,
    ),
    loads,
    cardsInPage,
    heapMb,
    keyboard,
    mouse,
  };
}

/** Sets the boards up once, then measures both `repeat` times; resolves one result per repeat. */
export async function measureBoardUi(repeat = 1) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  try {
    // One browser context throughout: sessions rotate their refresh token on every use, so a second context
    // started from the same cookie would be taken for a stolen one.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const boards = await setUpBoards(context);
    const page = await context.newPage();
    await page.addInitScript(instrumentPage, { [boards[BIG_BOARD]]: BIG_BOARD, [boards[SMALL_BOARD]]: SMALL_BOARD });
    const results = [];
    for (let i = 0; i < repeat; i++) {
      const small = await measureBoard(page, boards[SMALL_BOARD]);
      const big = await measureBoard(page, boards[BIG_BOARD]);
      results.push({ initial: initialJavaScript(), small, big, chromium: browser.version() });
    }
    await context.close();
    return results;
  } finally {
    await browser.close();
  }
}
