// The sample site's 模拟考试 (/exams/samr-mock/) on a 360x640 phone (touch) and on a desktop, as learners
// use it in WeChat on a weak network: the start form is plain HTML, visible and fillable while every
// script is still on the way (no "needs JavaScript" notice), 开始考试 within the first screen; pressed
// before the scripts have run, nothing is sent (the form is method="dialog": names never reach a
// server log) and what was typed stays for the press that starts the exam once they arrive; pressed before the question pool (pool.js, async) has arrived, it says so and
// starts when it does; a pool that fails to load says what to do and loads again. During the exam: one
// question a screen on the phone (上一题 / 下一题, 标记, 第 n/35 题, the 答题卡 drawer with every number's
// state in words, Escape and a close button, focus kept), 逐题 / 整卷 remembered, the whole paper on a
// desktop; leaving mid-exam asks first (not on the start screen, not after hand-in); nothing wider than
// the screen. Last, a `--relative` build opened from file:// runs the exam too.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  addAxe,
  TEST_TIMEOUT_MS,
  WAIT_MS,
  closeAllBrowsers,
  copySampleSite,
  guardRequests,
  launchBrowser,
  makeTempDir,
  removeTempDirs,
  runShian,
  startServe,
  stopAllServers,
} from './helpers.mjs';

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const EXAM = '/exams/samr-mock/';
const KEY = 'shian.exam.v1.exam/samr-mock';
const VIEW_KEY = 'shian.exam.view';
const COUNT = 35;
const NOJS = /需要浏览器启用 JavaScript/;

let browser;
let server;
let site;
const guards = [];

before(async () => {
  site = copySampleSite();
  server = await startServe(site);
  browser = await launchBrowser();
});

after(async () => {
  await closeAllBrowsers();
  await stopAllServers();
  removeTempDirs();
});

const url = (p) => new URL(p, server.url).href;

/** A fresh, guarded context (its own storage); live reload answered with an empty script. */
async function newContext(label, options) {
  const context = await browser.newContext(options);
  guards.push({ label, outside: guardRequests(context, ['127.0.0.1', 'file:']) });
  await context.route('**/__shian/livereload.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* live reload off */' }),
  );
  return context;
}

/**
 * Holds every request matching `pattern` until release() is called (bounded by the test's timeout):
 * the scripts are "on the way" for as long as the test needs, with no guess at how slow a network is.
 * `fail: true` makes the held requests fail instead (a cut connection).
 */
async function hold(context, pattern) {
  let open;
  let mode = 'hold';
  const gate = new Promise((resolve) => {
    open = resolve;
  });
  const held = [];
  const handler = async (route) => {
    held.push(route.request().url());
    if (mode === 'hold') await gate;
    try {
      if (mode === 'fail') await route.abort('internetdisconnected');
      else await route.fallback();
    } catch {
      // the page that asked has gone (a navigation): nothing to answer
    }
  };
  await context.route(pattern, handler);
  return {
    held,
    release: async () => {
      mode = 'pass';
      open();
      await context.unroute(pattern, handler);
    },
    fail: () => {
      mode = 'fail';
      open();
    },
  };
}

async function assertAxeClean(page, where) {
  await addAxe(page);
  const results = await page.evaluate(() => window.axe.run(document));
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const list = bad.map((v) => `  - ${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 4).map((n) => `      ${n.target.join(' ')}`).join('\n')}`);
  assert.equal(bad.length, 0, `${where}: axe-core found serious/critical violations:\n${list.join('\n')}`);
}

/** Chromium's view of the page width: nothing may scroll sideways. */
async function assertNoOverflow(page, where) {
  const { sw, iw, wide } = await page.evaluate(() => {
    const iw = window.innerWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > iw + 1 || r.left < -1) && !e.closest('.visually-hidden');
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    return { sw: document.documentElement.scrollWidth, iw, wide };
  });
  assert.ok(sw <= iw, `${where}: the page is ${sw}px wide in a ${iw}px window (${wide.join(', ')})`);
}

/** The questions of the pool the page loaded (window.shianPools), by id. */
async function poolById(page) {
  const qs = await page.evaluate(() => {
    const d = JSON.parse(document.getElementById('shian-quiz').textContent);
    return d.questions.length ? d.questions : window.shianPools[d.quiz.id].questions;
  });
  return Object.fromEntries(qs.map((q) => [q.id, q]));
}

const paperIds = (page) =>
  page.locator('[data-paper] .q[data-qid]').evaluateAll((es) => es.map((e) => e.getAttribute('data-qid')));
const shownIds = (page) =>
  page.locator('[data-paper] .q[data-qid]').evaluateAll((es) => es.filter((e) => e.getClientRects().length > 0).map((e) => e.getAttribute('data-qid')));
const stored = (page, key = KEY) => page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
const position = async (page) => (await page.locator('[data-position]').innerText()).trim();

async function fillForm(page, name = '张三', company = '放心食品有限公司') {
  await page.locator('[data-collect="姓名"]').fill(name);
  await page.locator('[data-collect="企业"]').fill(company);
}

/** Opens the exam and waits until quiz-exam.js has taken over the form (it turns off native checks). */
async function openExam(page, p = EXAM) {
  await page.goto(url(p), { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => document.querySelector('[data-start-form]').noValidate === true, null, { timeout: WAIT_MS });
}

async function startExam(page) {
  await openExam(page);
  await fillForm(page);
  await page.locator('[data-start]').click();
  await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'attached', timeout: WAIT_MS });
  await page.waitForFunction(() => /^\d\d:\d\d$/.test(document.querySelector('[data-timer]')?.textContent || ''), null, { timeout: WAIT_MS });
}

async function answerRight(page, byId, qid) {
  const q = byId[qid];
  for (const [k, o] of q.options.entries()) {
    if (o.correct) await page.locator(`[data-paper] .q[data-qid="${qid}"] input[value="${k}"]`).check();
  }
}

describe('the mock exam on a phone and on a weak network', { timeout: 10 * TEST_TIMEOUT_MS }, () => {
  for (const [label, options] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    test(`${label}: the start form is there and usable while every script is still on the way`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await newContext(`no-scripts-${label}`, options);
      const scripts = await hold(context, /\.js(\?.*)?$/);
      const page = await context.newPage();
      await page.goto(url(EXAM), { waitUntil: 'commit' });
      const form = page.locator('[data-start-form]');
      await form.waitFor({ state: 'visible', timeout: WAIT_MS });
      await page.locator('[data-start]').waitFor({ state: 'visible', timeout: WAIT_MS });
      await waitFor(() => scripts.held.some((u) => u.endsWith('/assets/quiz-exam.js')), 'quiz-exam.js asked for (and held back)');
      await waitFor(() => scripts.held.some((u) => u.endsWith('/exams/samr-mock/pool.js')), 'the pool, a script of its own, asked for at once');
      assert.equal(await page.evaluate(() => !!window.shianQuiz), false, 'no script has run');

      assert.doesNotMatch(await page.locator('main').innerText(), NOJS, 'no "needs JavaScript" notice while the scripts load');
      assert.equal(await page.locator('[data-nojs]').count(), 0, 'the notice is only inside <noscript>');
      assert.match(await page.locator('noscript').first().evaluate((n) => n.textContent), NOJS, 'browsers without scripts get it');
      assert.doesNotMatch(await page.locator('main').innerText(), /\/\*\*/, 'no raw category pattern on the page');

      await fillForm(page, '王小明', '早餐店');
      assert.equal(await page.locator('[data-collect="姓名"]').inputValue(), '王小明', 'the field takes text');
      const box = await page.locator('[data-start]').boundingBox();
      const screen = options.viewport.height;
      assert.ok(box.y + box.height <= screen, `开始考试 is within the first ${screen}px (bottom at ${Math.round(box.y + box.height)}px)`);
      await assertNoOverflow(page, 'start screen, scripts held');

      // 开始考试 pressed now: the form is `method="dialog"`, so the browser sends nothing (the name
      // and enterprise never reach a server's log) and the page stays as it is, with what was typed;
      // once the scripts arrive, the same button starts the exam.
      const before = page.url();
      await page.locator('[data-start]').click();
      await page.waitForTimeout(100);
      assert.equal(page.url(), before, 'nothing is sent: the address is unchanged');
      assert.equal(await page.locator('[data-collect="姓名"]').inputValue(), '王小明', 'what was typed stays');
      await scripts.release();
      await page.waitForFunction(() => !!window.shianQuiz && document.querySelector('[data-start-form]').noValidate, null, { timeout: WAIT_MS });
      await page.locator('[data-start]').click();
      await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'attached', timeout: WAIT_MS });
      const att = await stored(page);
      assert.deepEqual(att.collected, { 姓名: '王小明', 企业: '早餐店' }, 'what was typed before the scripts ran is kept');
      assert.equal(new URL(page.url()).search, '', 'the fields are taken out of the address');
      assert.equal(await page.locator('[data-start-screen]').isVisible(), false);
      assert.equal((await paperIds(page)).length, COUNT);
      await context.close();
    });
  }

  test('phone: 开始考试 before the pool has arrived says so, then starts when it arrives', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('pool-late', PHONE);
    const pool = await hold(context, '**/exams/samr-mock/pool.js');
    const page = await context.newPage();
    await openExam(page);
    // Pressed with a field empty: the errors come first, as always.
    await page.locator('[data-collect="姓名"]').fill('张三');
    await page.locator('[data-start]').click();
    await page.locator('[data-errors]').waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal(await page.locator('[data-start-status]').innerText(), '', 'no loading message while a field is missing');
    await fillForm(page);
    await page.locator('[data-start]').click();
    const status = page.locator('[data-start-status]');
    await status.filter({ hasText: '正在加载试题…' }).waitFor({ timeout: WAIT_MS });
    assert.equal(await status.getAttribute('aria-live'), 'polite', 'the message is announced');
    assert.equal(await page.locator('[data-paper]').isVisible(), false, 'no paper yet');
    assert.equal(await stored(page), null, 'the clock has not started: no attempt yet');
    const released = await page.evaluate(() => Date.now());
    await pool.release();
    await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'attached', timeout: WAIT_MS });
    const att = await stored(page);
    assert.ok(att.started >= released, 'the exam time starts when the questions are here');
    assert.equal((await status.innerText()).trim(), '', 'the loading message goes');
    const ids = await paperIds(page);
    assert.deepEqual(await shownIds(page), [ids[0]], 'one question on the phone');

    // A reload mid-exam on the same slow network: the attempt waits for the pool, saying so, with no
    // start form in the way, then goes on where it was.
    await page.locator(`[data-qid="${ids[0]}"] input`).first().check();
    await page.locator('[data-next]').click();
    const again = await hold(context, '**/exams/samr-mock/pool.js');
    await page.reload({ waitUntil: 'domcontentloaded' });
    const notice = page.locator('[data-exam-notice]');
    await notice.filter({ hasText: '正在加载试题' }).waitFor({ timeout: WAIT_MS });
    assert.match(await notice.innerText(), /已恢复/);
    assert.equal(await page.locator('[data-start-screen]').isVisible(), false, 'no start form for a restored attempt');
    await again.release();
    await page.locator('[data-paper] [data-current]').waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal(await position(page), `第 2/${COUNT} 题`);
    assert.doesNotMatch(await notice.innerText(), /正在加载/);
    assert.deepEqual(await paperIds(page), ids, 'the same paper');
    await context.close();
  });

  test('phone: a pool that does not load says what to do, and loads again from the same page', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('pool-fails', PHONE);
    const pool = await hold(context, '**/exams/samr-mock/pool.js');
    const page = await context.newPage();
    await openExam(page);
    await fillForm(page);
    pool.fail();
    const status = page.locator('[data-start-status]');
    await status.filter({ hasText: '试题没有加载成功' }).waitFor({ timeout: WAIT_MS });
    const text = await status.innerText();
    assert.match(text, /检查网络/, `says what to do ("${text}")`);
    assert.match(text, /刷新页面/);
    const again = page.locator('[data-pool-retry]');
    assert.equal(await again.isVisible(), true, 'a button loads the questions again');
    // 开始考试 now waits for the questions; the second try gets through and the exam starts.
    await page.locator('[data-start]').click();
    await status.filter({ hasText: '试题没有加载成功' }).waitFor({ timeout: WAIT_MS });
    await pool.release();
    await page.locator('[data-pool-retry]').click();
    await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'attached', timeout: WAIT_MS });
    assert.deepEqual((await stored(page)).collected, { 姓名: '张三', 企业: '放心食品有限公司' }, 'nothing typed was lost');
    await assertNoOverflow(page, 'exam after a retried pool');
    await context.close();
  });

  test('phone: one question a screen, 上一题 / 下一题, 标记, the 答题卡 drawer', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('step', PHONE);
    const page = await context.newPage();
    await startExam(page);
    const byId = await poolById(page);
    const ids = await paperIds(page);
    assert.equal(ids.length, COUNT);
    assert.equal(await page.locator('[data-paper]').getAttribute('data-mode'), 'step', 'one question at a time on a phone');
    assert.deepEqual(await shownIds(page), [ids[0]]);
    assert.equal(await page.locator(`[data-qid="${ids[0]}"]`).getAttribute('data-current'), '');
    assert.equal(await position(page), `第 1/${COUNT} 题`);
    assert.equal(await page.locator('[data-prev]').isDisabled(), true, 'no 上一题 on the first');
    assert.equal(await page.locator('[data-set-mode="step"]').getAttribute('aria-pressed'), 'true');
    await assertNoOverflow(page, 'first question');

    // Answer the first, go on, flag the second, back again.
    await answerRight(page, byId, ids[0]);
    await page.locator('[data-next]').click();
    assert.equal(await position(page), `第 2/${COUNT} 题`);
    assert.deepEqual(await shownIds(page), [ids[1]]);
    await page.locator(`[data-qid="${ids[1]}"] [data-flag]`).click();
    assert.equal(await page.locator(`[data-qid="${ids[1]}"] [data-flag]`).getAttribute('aria-pressed'), 'true');
    await page.locator('[data-prev]').click();
    assert.deepEqual(await shownIds(page), [ids[0]]);
    assert.equal(await page.locator(`[data-qid="${ids[0]}"] input:checked`).count() > 0, true, 'the answer is still there');
    const box = await page.locator('[data-next]').boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 640, '下一题 is on the screen');

    // The drawer: from the bar, every number with its state in words, focus inside.
    const drawer = page.locator('[data-sheet-drawer]');
    assert.equal(await drawer.isVisible(), false);
    const opener = page.locator('[data-open-sheet]');
    assert.equal(await opener.isVisible(), true, 'the 答题卡 button is in the bar');
    assert.equal(await page.locator('[data-sheet-item]').first().isVisible(), false, 'the sheet is in the closed drawer');
    await opener.click();
    await drawer.waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal(await drawer.evaluate((d) => d.matches(':modal')), true, 'a modal dialog');
    assert.equal(await drawer.evaluate((d) => d.contains(document.activeElement)), true, 'focus is in the drawer');
    const items = drawer.locator('[data-sheet-item]');
    assert.equal(await items.count(), COUNT);
    const item = (qid) => drawer.locator(`[data-sheet-item][data-qid-target="${qid}"]`);
    assert.equal(await item(ids[0]).getAttribute('data-state'), 'answered');
    assert.match(await item(ids[0]).innerText(), /✓/);
    assert.match(await item(ids[0]).textContent(), /已答/);
    assert.equal(await item(ids[1]).getAttribute('data-state'), 'flagged');
    assert.match(await item(ids[1]).textContent(), /⚑.*未答.*已标记/);
    assert.equal(await item(ids[2]).getAttribute('data-state'), 'unanswered');
    assert.match(await item(ids[2]).textContent(), /未答/);
    assert.equal(await item(ids[0]).getAttribute('aria-current'), 'step', 'the question shown is marked');
    assert.match(await drawer.innerText(), /已答 1 题，未答 34 题，已标记 1 题/);
    await assertNoOverflow(page, 'drawer open');

    // Escape closes it; focus back on the button.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await page.waitForFunction(() => document.activeElement?.hasAttribute('data-open-sheet'), null, { timeout: WAIT_MS });
    // The close button closes it too.
    await opener.click();
    await drawer.waitFor({ state: 'visible', timeout: WAIT_MS });
    await drawer.locator('[data-close-sheet]').click();
    await drawer.waitFor({ state: 'hidden', timeout: WAIT_MS });

    // A number jumps there: the drawer closes, that question shows, focus on its first option.
    await opener.click();
    await item(ids[9]).click();
    await drawer.waitFor({ state: 'hidden', timeout: WAIT_MS });
    assert.equal(await position(page), `第 10/${COUNT} 题`);
    assert.deepEqual(await shownIds(page), [ids[9]]);
    assert.equal(await page.evaluate((id) => !!document.activeElement.closest(`[data-qid="${id}"]`), ids[9]), true, 'focus in question 10');

    // Reload: the same question again, answers and flag kept.
    await page.reload();
    await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'attached', timeout: WAIT_MS });
    assert.equal(await position(page), `第 10/${COUNT} 题`, 'the question shown is kept');
    assert.deepEqual(await shownIds(page), [ids[9]]);

    // 整卷: every question, no step buttons; the choice is remembered.
    await page.locator('[data-set-mode="all"]').click();
    assert.equal(await page.locator('[data-paper]').getAttribute('data-mode'), 'all');
    assert.equal((await shownIds(page)).length, COUNT, 'the whole paper');
    assert.equal(await page.locator('[data-step-nav]').isVisible(), false);
    assert.equal(await page.locator('[data-sheet] [data-sheet-item]').first().isVisible(), true, 'the sheet is at the end of the paper');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), VIEW_KEY), '"all"');
    await assertNoOverflow(page, 'whole paper on a phone');
    await page.reload();
    await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'attached', timeout: WAIT_MS });
    assert.equal(await page.locator('[data-paper]').getAttribute('data-mode'), 'all', '整卷 is remembered');
    await page.locator('[data-set-mode="step"]').click();
    assert.deepEqual(await shownIds(page), [ids[9]]);

    // The last question: 下一题 becomes the way to the 答题卡 and 交卷; hand in from the drawer.
    await opener.click();
    await item(ids[COUNT - 1]).click();
    assert.equal(await position(page), `第 ${COUNT}/${COUNT} 题`);
    assert.match(await page.locator('[data-next]').innerText(), /答题卡/);
    await page.locator('[data-next]').click();
    await drawer.waitFor({ state: 'visible', timeout: WAIT_MS });
    await drawer.locator('[data-submit]').click();
    await drawer.locator('[data-confirm]').waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.match(await drawer.locator('[data-confirm]').innerText(), /还有 34 题未作答/);
    // 继续作答 goes to the first unanswered question.
    await drawer.locator('[data-continue]').click();
    await drawer.waitFor({ state: 'hidden', timeout: WAIT_MS });
    assert.deepEqual(await shownIds(page), [ids[1]], 'the first unanswered question');
    for (const id of ids) await answerOn(page, byId, id);
    await opener.click();
    await drawer.locator('[data-submit]').click();
    await page.locator('[data-result]').waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal((await page.locator('[data-score]').innerText()).trim(), `${COUNT} / ${COUNT}`);
    assert.equal(await drawer.count(), 0, 'the drawer is gone with the paper');
    await assertNoOverflow(page, 'result');
    await context.close();
  });

  test('desktop: the whole paper by default, 逐题 on request', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('desktop', DESKTOP);
    const page = await context.newPage();
    await startExam(page);
    assert.equal(await page.locator('[data-paper]').getAttribute('data-mode'), 'all');
    assert.equal((await shownIds(page)).length, COUNT);
    assert.equal(await page.locator('[data-open-sheet]').isVisible(), false, 'no drawer button: the sheet is on the page');
    assert.equal(await page.locator('[data-sheet] [data-submit]').isVisible(), true);
    await page.locator('[data-set-mode="step"]').click();
    assert.equal((await shownIds(page)).length, 1);
    await page.locator('[data-next]').click();
    assert.equal(await position(page), `第 2/${COUNT} 题`);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), VIEW_KEY), '"step"');
    await context.close();
  });

  test('leaving an unfinished exam asks first; the start screen and a handed-in exam do not', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('leave', PHONE);
    const page = await context.newPage();
    const dialogs = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.type());
      await d.dismiss().catch(() => {});
    });
    const leave = async () => {
      // The site's title in the header (a link home), as a learner would tap it.
      await page.locator('.site-title').click();
    };

    // Start screen: a field typed in, no question asked.
    await openExam(page);
    await page.locator('[data-collect="姓名"]').fill('张三');
    await leave();
    await page.waitForURL((u) => !u.pathname.startsWith(EXAM), { timeout: WAIT_MS });
    assert.deepEqual(dialogs, [], 'no warning on the start screen');

    // Mid-exam: the browser asks; staying keeps the exam as it was.
    await startExam(page);
    const byId = await poolById(page);
    const ids = await paperIds(page);
    await answerRight(page, byId, ids[0]);
    const leavesBefore = (await stored(page)).leaves;
    await leave();
    await waitFor(() => dialogs.length === 1, 'the leave warning');
    assert.deepEqual(dialogs, ['beforeunload'], 'a beforeunload warning mid-exam');
    assert.ok(new URL(page.url()).pathname.startsWith(EXAM), 'still on the exam after choosing to stay');
    assert.equal(await page.locator('[data-paper]').isVisible(), true);
    const att = await stored(page);
    assert.ok(att.answers[ids[0]], 'the answer is saved');
    assert.equal(att.leaves, leavesBefore, 'staying is not counted as leaving');

    // Hand in: leaving asks nothing any more.
    await page.locator('[data-set-mode="all"]').click();
    for (const id of ids) await answerRight(page, byId, id);
    await page.locator('[data-submit]').click();
    await page.locator('[data-result]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await leave();
    await page.waitForURL((u) => !u.pathname.startsWith(EXAM), { timeout: WAIT_MS });
    assert.deepEqual(dialogs, ['beforeunload'], 'no warning after hand-in');
    await context.close();
  });

  test('a --relative build opened from file:// loads the pool and runs the exam', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const out = path.join(makeTempDir(), 'out');
    const res = runShian(['build', '--root', site, '--relative', '--out', out]);
    assert.equal(res.status, 0, `shian build --relative\n${res.stdout}\n${res.stderr}`);
    const file = path.join(out, 'exams', 'samr-mock', 'index.html');
    assert.ok(fs.existsSync(path.join(out, 'exams', 'samr-mock', 'pool.js')), 'pool.js beside the page');
    const context = await browser.newContext(PHONE);
    const outside = guardRequests(context, ['file:']);
    guards.push({ label: 'file', outside });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.querySelector('[data-start-form]').noValidate === true, null, { timeout: WAIT_MS });
    await fillForm(page);
    await page.locator('[data-start]').click();
    await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'attached', timeout: WAIT_MS });
    const byId = await poolById(page);
    const ids = await paperIds(page);
    assert.equal(ids.length, COUNT);
    await answerRight(page, byId, ids[0]);
    await page.locator('[data-next]').click();
    assert.equal(await position(page), `第 2/${COUNT} 题`);
    assert.deepEqual(errors, [], 'no script error');
    await context.close();
  });

  test('axe-core at 360 px: start screen, one question, the 答题卡 drawer, the hand-in warning', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('axe', PHONE);
    const page = await context.newPage();
    await openExam(page);
    await assertAxeClean(page, 'start screen');
    await page.locator('[data-start]').click();
    await page.locator('[data-errors]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await assertAxeClean(page, 'start screen with errors');
    await fillForm(page);
    await page.locator('[data-start]').click();
    await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'attached', timeout: WAIT_MS });
    const ids = await paperIds(page);
    await page.locator(`[data-qid="${ids[0]}"] [data-flag]`).click();
    await page.locator('[data-next]').click();
    await assertAxeClean(page, 'one question a screen');
    await page.locator('[data-open-sheet]').click();
    await page.locator('[data-sheet-drawer]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await assertAxeClean(page, 'the 答题卡 drawer');
    await page.locator('[data-sheet-drawer] [data-submit]').click();
    await page.locator('[data-sheet-drawer] [data-confirm]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await assertAxeClean(page, 'the hand-in warning in the drawer');
    // Escape closes the warning first, then the drawer.
    await page.keyboard.press('Escape');
    await page.locator('[data-sheet-drawer] [data-confirm]').waitFor({ state: 'hidden', timeout: WAIT_MS });
    assert.equal(await page.locator('[data-sheet-drawer]').isVisible(), true, 'the drawer stays open');
    assert.equal(await page.evaluate(() => document.activeElement.hasAttribute('data-submit')), true, 'focus back on 交卷');
    await page.keyboard.press('Escape');
    await page.locator('[data-sheet-drawer]').waitFor({ state: 'hidden', timeout: WAIT_MS });
    await context.close();
  });

  test('no request leaves the machine', () => {
    assert.ok(guards.length >= 8, guards.map((g) => g.label).join(', '));
    for (const { label, outside } of guards) assert.deepEqual(outside, [], `${label}: requests outside 127.0.0.1 and file://`);
  });
});

/** Answers `id` in the one-question view: jumps there through the drawer if it is not shown. */
async function answerOn(page, byId, id) {
  if (!(await page.locator(`[data-paper] .q[data-qid="${id}"]`).isVisible())) {
    await page.locator('[data-open-sheet]').click();
    await page.locator(`[data-sheet-drawer] [data-sheet-item][data-qid-target="${id}"]`).click();
  }
  await answerRight(page, byId, id);
}

/** Polls a condition of the test process (bounded). */
async function waitFor(pred, what) {
  for (let i = 0; i < 100; i++) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: not seen within 10 s`);
}
