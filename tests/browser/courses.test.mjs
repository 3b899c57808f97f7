// Courses in a real Chromium, on a temp copy of tests/fixtures/courses served by `shian serve`:
// the 「学完」 toggle on lessons, the course progress bar built from those marks (both surviving a
// reload), keyboard use, the glossary tip on focus, and pages that read fully without JavaScript.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  REPO_ROOT,
  TEST_TIMEOUT_MS,
  WAIT_MS,
  guardRequests,
  servedFixture,
} from './helpers.mjs';

const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'courses');

const env = servedFixture(FIXTURE);

const url = (p) => env.url(p);

async function progressOf(page) {
  await page.goto(url('/courses/basics/'));
  const area = page.locator('[data-progress]');
  await area.waitFor({ state: 'visible', timeout: WAIT_MS });
  return {
    value: await page.locator('[data-progress] progress').evaluate((p) => p.value),
    max: await page.locator('[data-progress] progress').evaluate((p) => p.max),
    text: await page.locator('[data-progress-status]').innerText(),
    done: await page
      .locator('.syllabus [data-lesson]')
      .evaluateAll((items) => items.filter((li) => /已学完/.test(li.innerText)).map((li) => li.dataset.lesson)),
  };
}

describe('course progress in a browser', { timeout: TEST_TIMEOUT_MS }, () => {
  test('the 学完 toggle is kept on the device and feeds the course progress bar', async () => {
    const page = await env.context.newPage();
    let p = await progressOf(page);
    assert.equal(p.value, 0);
    assert.equal(p.max, 3);
    assert.match(p.text, /0\s*\/\s*3/);
    assert.deepEqual(p.done, []);

    await page.goto(url('/courses/basics/purchase/'));
    const toggle = page.locator('button.done-toggle');
    await toggle.waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.notEqual((await page.locator('[data-live]').innerText()).trim(), '', 'change announced');

    await page.reload();
    await toggle.waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true', 'mark survives a reload');

    p = await progressOf(page);
    assert.equal(p.value, 1);
    assert.match(p.text, /1\s*\/\s*3/);
    assert.deepEqual(p.done, ['purchase'], 'finished lesson shows a text badge');
    await page.reload();
    p = await progressOf(page);
    assert.equal(p.value, 1, 'progress survives a reload');
    // 开始学习 now continues at the first unfinished lesson.
    const start = page.locator('[data-course-start]');
    assert.match(await start.innerText(), /^继续学习：/);
    assert.doesNotMatch(await start.getAttribute('href'), /purchase/, 'not the finished lesson');
    await page.close();
  });

  test('the toggle works from the keyboard alone and can be undone', async () => {
    const page = await env.context.newPage();
    await page.goto(url('/courses/basics/health/'));
    const toggle = page.locator('button.done-toggle');
    await toggle.waitFor({ state: 'visible', timeout: WAIT_MS });
    // Tab through the page until the toggle has focus (bounded).
    let focused = false;
    for (let i = 0; i < 80 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await toggle.evaluate((b) => b === document.activeElement);
    }
    assert.ok(focused, 'the toggle is reachable with Tab');
    await page.keyboard.press('Space');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    let p = await progressOf(page);
    assert.equal(p.value, 2);

    await page.goto(url('/courses/basics/health/'));
    await toggle.waitFor({ state: 'visible', timeout: WAIT_MS });
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    p = await progressOf(page);
    assert.equal(p.value, 1);
    assert.deepEqual(p.done, ['purchase']);
    await page.close();
  });

  test('a glossary term shows its definition on keyboard focus', async () => {
    const page = await env.context.newPage();
    await page.goto(url('/courses/basics/purchase/'));
    const tip = page.locator('.term .term-tip').first();
    assert.equal(await tip.isVisible(), false, 'hidden until asked for');
    await page.locator('.term .term-link').first().focus();
    await tip.waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.match(await tip.innerText(), /采购时查验/);
    await page.close();
  });

  test('without JavaScript the pages read fully and show no dead controls', async () => {
    const noJs = await env.browser.newContext({ javaScriptEnabled: false });
    const noJsOutside = guardRequests(noJs);
    const page = await noJs.newPage();
    await page.goto(url('/courses/basics/purchase/'));
    assert.match(await page.locator('main').innerText(), /采购时要查验许可证/);
    assert.equal(await page.locator('button.done-toggle').isVisible(), false);
    await page.goto(url('/courses/basics/'));
    assert.equal(await page.locator('[data-progress]').isVisible(), false);
    assert.ok((await page.locator('.syllabus a').count()) === 3, 'syllabus links are plain links');
    await noJs.close();
    assert.deepEqual(noJsOutside, []);
  });

  test('no request leaves 127.0.0.1', () => {
    assert.deepEqual(env.outside, []);
  });
});
