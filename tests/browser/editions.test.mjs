// Editions in a real Chromium, on a temp copy of tests/fixtures/editions served by `shian serve`:
// the switcher keeps the reader on the same page when the other edition has it (else that edition's
// course index), and the archived banner links to the current page, or to the current home when the
// page is gone.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO_ROOT,
  TEST_TIMEOUT_MS,
  WAIT_MS,
  servedFixture,
} from './helpers.mjs';

const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'editions');

const env = servedFixture(FIXTURE);

const url = (p) => env.url(p);
const pathname = (page) => new URL(page.url()).pathname;

async function switchTo(page, name) {
  const select = page.locator('select[data-edition-select]');
  await select.waitFor({ state: 'visible', timeout: WAIT_MS });
  const value = await select.locator('option').evaluateAll((os, n) => os.find((o) => o.textContent.includes(n)).value, name);
  await select.selectOption(value);
  await page.locator('[data-edition-form] button, [data-edition-form] [type="submit"]').first().click();
}

describe('edition switcher and banner', { timeout: TEST_TIMEOUT_MS }, () => {
  test('switching keeps the same page where it exists', async () => {
    const page = await env.context.newPage();
    await page.goto(url('/courses/c/l1/'));
    await switchTo(page, '2023');
    await page.waitForURL((u) => u.pathname === '/editions/2023/courses/c/l1/', { timeout: WAIT_MS });
    assert.match(await page.locator('main').innerText(), /2023 版：查验许可证/);
    await switchTo(page, '2024');
    await page.waitForURL((u) => u.pathname === '/courses/c/l1/', { timeout: WAIT_MS });
    await page.close();
  });

  test('a page missing in the other edition leads to that edition\'s course index', async () => {
    const page = await env.context.newPage();
    await page.goto(url('/courses/c/l2/'));
    await switchTo(page, '2023');
    await page.waitForURL((u) => u.pathname === '/editions/2023/courses/', { timeout: WAIT_MS });
    await page.close();
  });

  test('the archived banner points at the current page, or the current home when it is gone', async () => {
    const page = await env.context.newPage();
    await page.goto(url('/editions/2023/courses/c/l1/'));
    const link = page.locator('a[data-edition-current-link]');
    await link.waitFor({ timeout: WAIT_MS });
    assert.equal(new URL(await link.evaluate((a) => a.href)).pathname, '/courses/c/l1/');
    await page.goto(url('/editions/2023/courses/c/l0/'));
    await page.waitForFunction(
      () => new URL(document.querySelector('a[data-edition-current-link]').href).pathname !== '/courses/c/l0/',
      null,
      { timeout: WAIT_MS },
    );
    assert.equal(new URL(await link.evaluate((a) => a.href)).pathname, '/courses/');
    await link.click();
    await page.waitForURL((u) => u.pathname === '/courses/', { timeout: WAIT_MS });
    assert.equal(pathname(page), '/courses/');
    await page.close();
  });

  test('no request leaves 127.0.0.1', () => {
    assert.deepEqual(env.outside, []);
  });
});
