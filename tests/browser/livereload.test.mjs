// `shian serve` live reload in a real Chromium, on a temp copy of tests/fixtures/serve-basic:
// the open page reloads by itself after an edit, shows the error overlay while the site is broken
// (over the last good build), and drops it once the file is fixed. No page.reload() anywhere.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO_ROOT,
  TEST_TIMEOUT_MS,
  WAIT_MS,
  closeAllBrowsers,
  copyDir,
  delay,
  guardRequests,
  launchBrowser,
  removeTempDirs,
  startServe,
  stopAllServers,
} from './helpers.mjs';

/** How long the page may take to notice a change and reload by itself. */
const RELOAD_MS = 15_000;

const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'serve-basic');

let browser;
let server;
let page;
let pageFile;
let outside;

const frontMatter = '+++\ntitle = "页面"\n+++\n';

function writePage(text) {
  fs.writeFileSync(pageFile, text);
}

/** Marks the current document, so we can tell whether the browser has loaded a new one since. */
async function markDocument() {
  await page.evaluate(() => {
    window.__shianMark = true;
  });
}

async function documentIsMarked() {
  return page.evaluate(() => window.__shianMark === true);
}

describe('live reload (shian serve)', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
  before(async () => {
    const site = copyDir(FIXTURE);
    pageFile = path.join(site, 'content', 'page.md');
    assert.match(fs.readFileSync(pageFile, 'utf8'), /第一版/, 'the fixture page says 第一版');
    server = await startServe(site);
    browser = await launchBrowser();
    const context = await browser.newContext();
    outside = guardRequests(context, ['127.0.0.1']);
    page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const res = await page.goto(new URL('page/', server.url).href, {
      waitUntil: 'domcontentloaded',
      timeout: WAIT_MS,
    });
    assert.equal(res.status(), 200, 'GET /page/');
  });

  after(async () => {
    await closeAllBrowsers();
    if (server) await server.stop();
    await stopAllServers();
    removeTempDirs();
  });

  test('the page shows the first version and stays put while nothing changes', { timeout: TEST_TIMEOUT_MS }, async () => {
    const navigations = [];
    const onNav = (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    };
    page.on('framenavigated', onNav);
    try {
      await delay(3_000);
    } finally {
      page.off('framenavigated', onNav);
    }
    assert.equal(
      navigations.length,
      0,
      `the open page reloaded ${navigations.length} times in 3 s although no file changed; ` +
        `shian's output ends with:\n${server.output().slice(-1_500)}`,
    );
    await page.getByText('第一版').waitFor({ state: 'visible', timeout: WAIT_MS });
  });

  test('(a) an edit reloads the page by itself', { timeout: TEST_TIMEOUT_MS }, async () => {
    await markDocument();
    writePage(`${frontMatter}\n第二版\n`);
    await page.getByText('第二版').waitFor({ state: 'visible', timeout: RELOAD_MS });
    assert.equal(await page.getByText('第一版').count(), 0, 'the old text is gone');
    await page.waitForLoadState('load', { timeout: WAIT_MS });
    assert.equal(await documentIsMarked(), false, 'the browser loaded a new document');
  });

  test('(b) broken front matter shows the error overlay over the last good build', { timeout: TEST_TIMEOUT_MS }, async () => {
    writePage('+++\ntitle = \n+++\n\n坏掉的版本\n');
    const overlay = page.locator('#shian-error-overlay');
    await overlay.waitFor({ state: 'visible', timeout: RELOAD_MS });
    assert.equal(await overlay.count(), 1, 'one overlay');
    assert.equal(await overlay.getAttribute('role'), 'alert', 'the overlay is announced (role="alert")');
    const text = await overlay.innerText();
    assert.match(text, /E-FM-TOML/, `the overlay names the error code (overlay text: ${text})`);
    assert.match(text, /page\.md/, `the overlay names the file (overlay text: ${text})`);
    // The last good build is still served underneath.
    const main = page.locator('main#main');
    assert.equal(await main.count(), 1, 'the last good page is still there');
    assert.match(await main.innerText(), /第二版/, 'the previous content is still shown under the overlay');
    assert.equal(await page.getByText('坏掉的版本').count(), 0, 'the broken version is not rendered');
  });

  test('(c) fixing the file removes the overlay and shows the new content', { timeout: TEST_TIMEOUT_MS }, async () => {
    writePage(`${frontMatter}\n第三版\n`);
    await page.getByText('第三版').waitFor({ state: 'visible', timeout: RELOAD_MS });
    await page.locator('#shian-error-overlay').waitFor({ state: 'detached', timeout: RELOAD_MS });
    assert.equal(await page.locator('#shian-error-overlay').count(), 0, 'the overlay is gone');
    assert.equal(await page.getByText('第二版').count(), 0, 'the previous text is gone');
  });

  test('live reload made no request outside 127.0.0.1', () => {
    assert.deepEqual(outside, []);
  });
});
