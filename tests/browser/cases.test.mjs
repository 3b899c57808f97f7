// Typical cases in a real Chromium, on a temp copy of tests/fixtures/data served by `shian serve`:
// the case index filters in place with JavaScript (AND across taxonomies, toggling, a status line,
// the choice kept in the address), the same links work as plain pages without JavaScript, the pages
// pass axe-core, and nothing is requested from elsewhere.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  addAxe,
  REPO_ROOT,
  TEST_TIMEOUT_MS,
  WAIT_MS,
  guardRequests,
  servedFixture,
} from './helpers.mjs';

const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'data');

const env = servedFixture(FIXTURE);

const url = (p) => env.url(p);
const visibleTitles = (page) =>
  page.locator('.case-card').evaluateAll((cards) =>
    cards.filter((c) => c.offsetParent !== null).map((c) => c.querySelector('a').textContent.trim()),
  );
const filterLink = (page, attr, name) => page.locator(`[data-attr="${attr}"] a[data-term="${name}"]`);

async function seriousViolations(page) {
  await addAxe(page);
  const result = await page.evaluate(() => window.axe.run());
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('case filters in a browser', { timeout: TEST_TIMEOUT_MS }, () => {
  test('filters combine, toggle, announce the count and survive a reload', async () => {
    const page = await env.context.newPage();
    await page.goto(url('/cases/'));
    assert.deepEqual((await visibleTitles(page)).sort(), ['水厂提档升级', '结对帮扶建台账'].sort());

    await filterLink(page, 'measures', '进货查验').click();
    await page.waitForFunction(() => document.querySelectorAll('.case-card:not([hidden])').length === 1, null, { timeout: WAIT_MS });
    assert.deepEqual(await visibleTitles(page), ['结对帮扶建台账']);
    assert.equal(new URL(page.url()).pathname, '/cases/', 'filtered in place, no navigation');
    assert.ok(await filterLink(page, 'measures', '进货查验').getAttribute('aria-current'), 'active filter marked');
    assert.match(await page.locator('[data-cases-status]').innerText(), /1/, 'the count is announced');

    // Toggle off, then combine two taxonomies (AND).
    await filterLink(page, 'measures', '进货查验').click();
    await page.waitForFunction(() => document.querySelectorAll('.case-card:not([hidden])').length === 2, null, { timeout: WAIT_MS });
    await filterLink(page, 'measures', '结对帮扶').click();
    await filterLink(page, 'region', '嘉定区').click();
    await page.waitForFunction(() => document.querySelectorAll('.case-card:not([hidden])').length === 1, null, { timeout: WAIT_MS });
    assert.deepEqual(await visibleTitles(page), ['水厂提档升级']);

    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('.case-card:not([hidden])').length === 1, null, { timeout: WAIT_MS });
    assert.deepEqual(await visibleTitles(page), ['水厂提档升级'], 'the choice is kept in the address');
    await page.close();
  });

  test('without JavaScript the filter links open term pages', async () => {
    const noJs = await env.browser.newContext({ javaScriptEnabled: false });
    const noJsOutside = guardRequests(noJs);
    const page = await noJs.newPage();
    await page.goto(url('/cases/'));
    await filterLink(page, 'measures', '进货查验').click();
    await page.waitForURL(/\/cases\/measure\/jin-huo-cha-yan\/$/, { timeout: WAIT_MS });
    const titles = await page.locator('.case-card a').evaluateAll((as) => as.map((a) => a.textContent.trim()));
    assert.deepEqual(titles, ['结对帮扶建台账']);
    assert.equal(await page.locator('a[aria-current="page"]').count(), 1);
    // The term page links the list of its taxonomy, which lists every term with its count.
    await page.locator('.back-link a[href$="/cases/measure/"]').click();
    await page.waitForURL(/\/cases\/measure\/$/, { timeout: WAIT_MS });
    assert.match(await page.locator('.term-list').innerText(), /进货查验\s*1 个案例/);
    await noJs.close();
    assert.deepEqual(noJsOutside, []);
  });

  test('case, index and data pages pass axe-core', async () => {
    const page = await env.context.newPage();
    for (const p of ['/cases/', '/cases/case1/', '/data/pairings/', '/data/progress/', '/data/indicators/', '/data/trainings/', '/data/enterprises/']) {
      await page.goto(url(p));
      assert.deepEqual(await seriousViolations(page), [], `${p} has serious or critical violations`);
    }
    await page.close();
  });

  test('no request leaves 127.0.0.1', () => {
    assert.deepEqual(env.outside, []);
  });
});
