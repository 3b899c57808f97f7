// `shian build --relative` opened straight from disk (file://), as from a USB stick: the theme
// applies, header navigation and breadcrumbs lead to real pages, and nothing is fetched from
// anywhere but file://.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  TEST_TIMEOUT_MS,
  WAIT_MS,
  assertStylesheetApplied,
  closeAllBrowsers,
  copySampleSite,
  guardRequests,
  launchBrowser,
  makeTempDir,
  removeTempDirs,
  rootCustomProperties,
  runShian,
  stopAllServers,
} from './helpers.mjs';

let browser;
let outDir;
let cssProps = [];

/** Checks a page opened from disk: a real shian page (not Chromium's file-not-found page). */
async function assertSitePage(page, where) {
  assert.ok(page.url().startsWith('file://'), `${where}: still on file:// (${page.url()})`);
  assert.ok(page.url().endsWith('/index.html'), `${where}: URL ends with /index.html (${page.url()})`);
  assert.ok(fs.existsSync(fileURLToPath(page.url())), `${where}: the file exists`);
  assert.equal(await page.locator('html[lang="zh-CN"]').count(), 1, `${where}: <html lang="zh-CN">`);
  assert.equal(await page.locator('main#main').count(), 1, `${where}: one main#main`);
  assert.ok((await page.locator('h1').count()) >= 1, `${where}: has an h1`);
  await assertStylesheetApplied(assert, page, cssProps, where);
}

/** Every same-site link on the page points at an existing file (directories do not open on file://). */
async function assertLinksResolve(page, where) {
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll('a[href]')].map((a) => ({ raw: a.getAttribute('href'), abs: a.href })),
  );
  const broken = [];
  for (const { raw, abs } of hrefs) {
    if (!abs.startsWith('file://')) continue; // mailto:, or an outside link the author wrote
    if (raw.startsWith('#')) continue;
    const u = new URL(abs);
    u.hash = '';
    u.search = '';
    const file = fileURLToPath(u);
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) broken.push(`${raw} -> ${file}`);
  }
  assert.deepEqual(broken, [], `${where}: every link opens a file`);
}

describe('relative build opened from file://', { timeout: 3 * TEST_TIMEOUT_MS }, () => {
  before(async () => {
    const site = copySampleSite();
    outDir = path.join(makeTempDir(), 'out');
    const res = runShian(['build', '--root', site, '--relative', '--out', outDir]);
    assert.equal(res.status, 0, `shian build --relative succeeds\n${res.stdout}\n${res.stderr}`);
    assert.ok(fs.existsSync(path.join(outDir, 'index.html')), 'out/index.html exists');
    cssProps = rootCustomProperties(fs.readFileSync(path.join(outDir, 'assets', 'shian.css'), 'utf8'));
    browser = await launchBrowser();
  });

  after(async () => {
    await closeAllBrowsers();
    await stopAllServers();
    removeTempDirs();
  });

  test('home -> header nav -> breadcrumb, all from disk', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await browser.newContext();
    try {
      const outside = guardRequests(context, ['file:']);
      const failed = [];
      context.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);

      const home = pathToFileURL(path.join(outDir, 'index.html')).href;
      await page.goto(home, { waitUntil: 'load', timeout: WAIT_MS });
      await assertSitePage(page, 'home');
      await assertLinksResolve(page, 'home');

      // The first link in the header navigation.
      const navLink = page.locator('header nav a').first();
      assert.equal(await navLink.count(), 1, 'the header has a navigation link');
      const navHref = await navLink.getAttribute('href');
      const navTarget = new URL(navHref, page.url()).href;
      assert.match(navHref, /index\.html$/, `the nav link names index.html, so it opens from disk (${navHref})`);
      await Promise.all([page.waitForURL(navTarget, { timeout: WAIT_MS }), navLink.click()]);
      await page.waitForLoadState('load', { timeout: WAIT_MS });
      await assertSitePage(page, `nav ${navHref}`);
      assert.notEqual(page.url(), home, 'the nav link leads to another page');
      await assertLinksResolve(page, `nav ${navHref}`);

      // Back up one level through the breadcrumbs (the last crumb is the nearest parent).
      const crumb = page.locator('nav.breadcrumbs a').last();
      assert.equal(await crumb.count(), 1, 'the page has breadcrumbs');
      const crumbHref = await crumb.getAttribute('href');
      const crumbTarget = new URL(crumbHref, page.url()).href;
      assert.match(crumbHref, /index\.html$/, `the breadcrumb names index.html (${crumbHref})`);
      await Promise.all([page.waitForURL(crumbTarget, { timeout: WAIT_MS }), crumb.click()]);
      await page.waitForLoadState('load', { timeout: WAIT_MS });
      await assertSitePage(page, `breadcrumb ${crumbHref}`);

      assert.deepEqual(failed, [], 'no request failed');
      assert.deepEqual(outside, [], 'nothing but file:// was requested');
    } finally {
      await context.close();
    }
  });
});
