// The sample site, served by `shian serve` from a temp copy, in a real Chromium:
// every page in the sitemap renders with the theme and makes no outside request; the skip link is
// the first thing the keyboard reaches; nothing scrolls sideways on a 360 px phone.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TEST_TIMEOUT_MS,
  WAIT_MS,
  assertStylesheetApplied,
  closeAllBrowsers,
  copySampleSite,
  guardRequests,
  launchBrowser,
  removeTempDirs,
  rootCustomProperties,
  startServe,
  stopAllServers,
} from './helpers.mjs';

let browser;
let server;
let pages = []; // absolute local URLs, from the served sitemap
let cssProps = [];

async function fetchText(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(WAIT_MS) });
  assert.equal(res.status, 200, `GET ${url}`);
  return res.text();
}

/** Where a sitemap <loc> lives on the local server (the sitemap names the public base_url). */
/**
 * A browser context for the page checks. Live reload is tested on its own (livereload.test.mjs);
 * here its script is answered with an empty one, so that a stray rebuild cannot reload a page in
 * the middle of a check and these tests report only on the pages themselves. The request is still
 * made (and still guarded), only its answer is replaced.
 */
async function newStaticContext(options = {}) {
  const context = await browser.newContext(options);
  await context.route('**/__shian/livereload.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* live reload off for page checks */' }),
  );
  return context;
}

function localUrl(loc) {
  const u = new URL(loc);
  return new URL(u.pathname + u.search, server.url).href;
}

describe('sample site in a browser (shian serve)', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
  before(async () => {
    const site = copySampleSite();
    server = await startServe(site);
    browser = await launchBrowser();

    const sitemap = await fetchText(new URL('sitemap.xml', server.url).href);
    const locs = [...sitemap.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) =>
      m[1].replaceAll('&amp;', '&'),
    );
    assert.ok(locs.length >= 5, `the sitemap lists the sample pages (got ${locs.length})`);
    for (const loc of locs) {
      assert.ok(
        loc.startsWith('https://example.org/') || loc.startsWith(server.url),
        `sitemap <loc> is under base_url or the local server: ${loc}`,
      );
    }
    pages = locs.map(localUrl);
    for (const expected of ['', 'about/', 'programmes/', 'programmes/pairing/', 'guide/reading/']) {
      assert.ok(pages.includes(new URL(expected, server.url).href), `the sitemap lists /${expected}`);
    }

    cssProps = rootCustomProperties(await fetchText(new URL('assets/shian.css', server.url).href));
  });

  after(async () => {
    await closeAllBrowsers();
    if (server) await server.stop();
    await stopAllServers();
    removeTempDirs();
  });

  test('every sitemap page renders with the theme and makes no outside request', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newStaticContext();
    try {
      const outside = guardRequests(context, ['127.0.0.1']);
      const failed = [];
      // A fetch still running when the test moves to the next page (editions.js's editions.json) is
      // aborted by that navigation, not failed: ERR_ABORTED is left out, and any answer >= 400 counts.
      context.on('requestfailed', (r) => {
        if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.url()} (${r.failure()?.errorText})`);
      });
      context.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.url()} (HTTP ${r.status()})`);
      });
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      for (const url of pages) {
        const res = await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
        assert.ok(res, `${url}: navigation produced a response`);
        assert.equal(res.status(), 200, `${url}: status`);
        assert.equal(await page.locator('html[lang="zh-CN"]').count(), 1, `${url}: <html lang="zh-CN">`);
        assert.equal(await page.locator('main#main').count(), 1, `${url}: exactly one main#main`);
        assert.equal(await page.locator('#main').count(), 1, `${url}: id="main" is unique`);
        const h1 = page.locator('h1');
        assert.ok((await h1.count()) >= 1, `${url}: has an h1`);
        assert.notEqual((await h1.first().innerText()).trim(), '', `${url}: the h1 has text`);
        await assertStylesheetApplied(assert, page, cssProps, url);
      }
      // Failed local requests would be broken assets/links; the live-reload long poll is aborted
      // on every navigation, which is expected.
      const broken = failed.filter((f) => !f.includes('/__shian/poll'));
      assert.deepEqual(broken, [], 'no request failed');
      assert.deepEqual(outside, [], 'no request left 127.0.0.1');
    } finally {
      await context.close();
    }
  });

  test('Tab reaches the skip link first, and Enter moves to #main', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newStaticContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      for (const url of [server.url, new URL('guide/reading/', server.url).href]) {
        await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement;
          return {
            skip: !!el && el.matches('a.skip-link[href="#main"]'),
            html: el ? el.outerHTML.slice(0, 200) : null,
          };
        });
        assert.ok(focused.skip, `${url}: first Tab focuses a.skip-link[href="#main"] (focused: ${focused.html})`);
        const skipBox = await page.locator('a.skip-link').boundingBox();
        assert.ok(skipBox && skipBox.width > 1 && skipBox.height > 1, `${url}: the focused skip link is visible`);

        await page.keyboard.press('Enter');
        await page.waitForFunction(
          () => {
            const main = document.getElementById('main');
            return location.hash === '#main' || (main && main.contains(document.activeElement));
          },
          null,
          { timeout: WAIT_MS },
        );
        const after = await page.evaluate(() => ({
          hash: location.hash,
          mainTop: document.getElementById('main').getBoundingClientRect().top,
        }));
        assert.equal(after.hash, '#main', `${url}: Enter on the skip link goes to #main`);
        assert.ok(after.mainTop < 200, `${url}: #main is scrolled to the top (top = ${after.mainTop})`);
      }
    } finally {
      await context.close();
    }
  });

  test('no sideways scrolling on a 360 px phone', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newStaticContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT_MS);
      const mustHave = [server.url, new URL('guide/reading/', server.url).href];
      const targets = [...new Set([...mustHave, ...pages])];
      const overflowing = [];
      for (const url of targets) {
        await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS });
        const m = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          widest: [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}`),
        }));
        assert.equal(m.innerWidth, 360, `${url}: the layout viewport is 360 px (meta viewport honoured)`);
        if (m.scrollWidth > m.innerWidth + 1) {
          overflowing.push(`${url}: scrollWidth ${m.scrollWidth} > ${m.innerWidth} (e.g. ${m.widest.join(', ')})`);
        }
      }
      assert.deepEqual(overflowing, [], 'no page is wider than the phone');
    } finally {
      await context.close();
    }
  });
});
