// Quizzes in a real Chromium, on a temp copy of tests/fixtures/quiz served by `shian serve`:
// practice with instant feedback and the 错题本 (redo twice to leave it, or remove it), a full mock
// exam with a fixed seed (the paper the contract's drawing rules give, answer sheet, flags, a reload
// that keeps answers and the running clock, the unanswered-questions warning, score, pass mark,
// review and the 错题本), keyboard-only use with a visible focus, the practice set embedded in a page,
// no request leaving 127.0.0.1, and axe-core on every quiz page state.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  addAxe,
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

const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'quiz');

const EXAM_KEY = 'shian.exam.v1.exam/mock';
const SEED = 12345;
const OTHER_SEED = 54321;

let browser;
let server;
/** Every guarded context's list of requests that left 127.0.0.1, with a label. */
const guards = [];

before(async () => {
  server = await startServe(copyDir(FIXTURE));
  browser = await launchBrowser();
});

after(async () => {
  await closeAllBrowsers();
  if (server) await server.stop();
  await stopAllServers();
  removeTempDirs();
});

const url = (p) => new URL(p, server.url).href;

/**
 * A fresh context (its own localStorage), guarded. Live reload is answered with an empty script, so a
 * stray rebuild cannot reload a page in the middle of a check (the request is still made and guarded).
 */
async function newContext(label) {
  const context = await browser.newContext();
  guards.push({ label, outside: guardRequests(context) });
  await context.route('**/__shian/livereload.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* live reload off */' }),
  );
  return context;
}

/* ---------- axe ---------- */

async function assertAxeClean(page, where) {
  await addAxe(page);
  const results = await page.evaluate(() => window.axe.run(document));
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const list = bad
    .map(
      (v) =>
        `  - ${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 6)
          .map((n) => `      ${n.target.join(' ')} :: ${(n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 240)}`)
          .join('\n'),
    )
    .join('\n');
  assert.equal(bad.length, 0, `${where}: axe-core found serious/critical violations:\n${list}`);
}

/* ---------- practice ---------- */

async function openPractice(page, p = '/banks/law/fsl/practice/') {
  await page.goto(url(p));
  // quiz-practice.js shows the [data-js] parts (the 检查答案 buttons) once it has wired the page.
  await page.locator('[data-quiz="practice"][data-ready] [data-check]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
}

/** The practice question item with this id (scoped to `within`, a CSS selector). */
const qItem = (page, qid, within = '') => page.locator(`${within} [data-qid="${qid}"]`.trim());

async function feedbackOf(item) {
  const fb = item.locator('[data-feedback]');
  return {
    live: await fb.getAttribute('aria-live'),
    text: (await fb.innerText()).trim(),
    links: await fb.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() }))),
    icon: await fb.locator('.verdict .icon').allInnerTexts().catch(() => []),
  };
}

/* ---------- exam ---------- */

/** mulberry32, as docs/quiz-theme-contract.md names it. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function fisherYates(list, r) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** The paper for `seed`, by the contract's rules ("Drawing a paper"), from the page's quiz JSON. */
function referencePaper(data, seed) {
  const exam = data.quiz.exam;
  const byId = Object.fromEntries(data.questions.map((q) => [q.id, q]));
  const r = mulberry32(seed);
  const taken = new Set();
  const out = [];
  for (const d of exam.draws) {
    let n = 0;
    for (const id of fisherYates(d.pool.slice(), r)) {
      if (n >= d.count) break;
      if (taken.has(id)) continue;
      taken.add(id);
      out.push({ id, points: d.points });
      n++;
    }
  }
  if (exam.shuffle_questions) fisherYates(out, r);
  for (const p of out) {
    const q = byId[p.id];
    p.order = q.options.map((_, i) => i);
    if (exam.shuffle_options && q.type !== 'tf') {
      const free = p.order.filter((i) => !q.options[i].pinned);
      const mixed = fisherYates(free.slice(), r);
      free.forEach((pos, k) => {
        p.order[pos] = mixed[k];
      });
    }
  }
  return out.map(({ id, order }) => ({ id, order }));
}

/** The page's quiz JSON; an exam page's questions come from its pool script (window.shianPools). */
async function quizJson(page) {
  return page.evaluate(() => {
    const d = JSON.parse(document.querySelector('[data-quiz-json]').textContent);
    const pool = window.shianPools && window.shianPools[d.quiz.id];
    if (!d.questions.length && pool) d.questions = pool.questions;
    return d;
  });
}

/** The paper shown: question ids in order, each with its option order (source indexes). */
async function shownPaper(page) {
  return page.locator('[data-paper] .q[data-qid]').evaluateAll((items) =>
    items.map((it) => ({
      id: it.getAttribute('data-qid'),
      order: [...it.querySelectorAll('input')].map((i) => Number(i.value)),
    })),
  );
}

async function openExam(page, seed) {
  await page.goto(url(`/exams/mock/?seed=${seed}`));
  await page.locator('[data-start-form]').waitFor({ state: 'visible', timeout: WAIT_MS });
}

async function startExam(page, seed, name = '张三', company = '放心食品有限公司') {
  await openExam(page, seed);
  await page.locator('[data-collect="姓名"]').fill(name);
  await page.locator('[data-collect="企业"]').fill(company);
  await page.locator('[data-start]').click();
  await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
  await waitForClock(page);
}

async function waitForClock(page) {
  await page.waitForFunction(
    () => /^\d\d:\d\d$/.test((document.querySelector('[data-paper] [data-timer]') || {}).textContent || ''),
    null,
    { timeout: WAIT_MS },
  );
}

async function clockSeconds(page) {
  const text = (await page.locator('[data-paper] [data-timer]').innerText()).trim();
  const m = /^(\d\d):(\d\d)$/.exec(text);
  assert.ok(m, `the timer shows mm:ss (got "${text}")`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Waits (bounded) for the images under `sel` to finish loading; returns [{src, alt, ok}]. */
async function images(page, sel) {
  await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((i) => i.complete), sel, { timeout: WAIT_MS });
  return page.evaluate(
    // The path the image resolves to (the 错题本 keeps absolute addresses, pages keep relative ones).
    (s) => [...document.querySelectorAll(s)].map((i) => ({ src: new URL(i.src).pathname, alt: i.alt, ok: i.naturalWidth > 0 })),
    sel,
  );
}

const examItem = (page, qid) => page.locator(`[data-paper] .q[data-qid="${qid}"]`);

/** Source indexes of the correct options. */
const rightOf = (q) => q.options.flatMap((o, i) => (o.correct ? [i] : []));
const wrongOf = (q) => q.options.findIndex((o) => !o.correct);

async function choose(page, qid, srcs) {
  for (const s of srcs) await examItem(page, qid).locator(`input[value="${s}"]`).check();
}

/* ---------- keyboard ---------- */

async function focusInfo(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return { none: true };
    const cs = getComputedStyle(e);
    const outlineShown =
      cs.outlineStyle !== 'none' &&
      parseFloat(cs.outlineWidth) > 0 &&
      !/^(transparent|rgba\(\d+, \d+, \d+, 0\))$/.test(cs.outlineColor);
    return {
      none: false,
      desc:
        e.tagName.toLowerCase() +
        (e.id ? `#${e.id}` : '') +
        (e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : '') +
        (e.value !== undefined && e.tagName === 'INPUT' ? `[value=${e.value}]` : ''),
      focusVisible: e.matches(':focus-visible'),
      outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
      boxShadow: cs.boxShadow,
      shown: outlineShown || cs.boxShadow !== 'none',
    };
  });
}

async function assertFocusVisible(page, where) {
  const f = await focusInfo(page);
  assert.ok(!f.none, `${where}: something has focus`);
  assert.ok(f.focusVisible, `${where}: ${f.desc} matches :focus-visible`);
  assert.ok(f.shown, `${where}: ${f.desc} shows a focus ring (outline ${f.outline}; box-shadow ${f.boxShadow})`);
}

/** Presses `key` (Tab or Shift+Tab) until `pred(arg)` holds in the page, checking the focus each step. */
async function keyTo(page, key, pred, arg, where, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    await assertFocusVisible(page, `${where} (after ${key} #${i + 1})`);
    if (await page.evaluate(pred, arg)) return;
  }
  assert.fail(`${where}: not reached with ${key} in ${max} presses`);
}

const focusIn = ({ sel }) => !!document.activeElement && !!document.activeElement.closest(sel) && document.activeElement.matches('input, button, a');
const focusIs = ({ sel }) => !!document.activeElement && document.activeElement.matches(sel);

/**
 * With focus on a radio of a group, checks the radio whose value is `value` with arrow keys (or
 * Space when it is the focused one), as a keyboard user would.
 */
async function pickRadioByKeys(page, value, where) {
  const { idx, target, n } = await page.evaluate((v) => {
    const e = document.activeElement;
    const radios = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(e.name)}"]`)];
    return { idx: radios.indexOf(e), target: radios.findIndex((r) => r.value === String(v)), n: radios.length };
  }, value);
  assert.ok(idx >= 0 && target >= 0, `${where}: focus is on a radio of the group`);
  if (idx === target) {
    await page.keyboard.press('Space');
  } else {
    for (let k = 0; k < (target - idx + n) % n; k++) {
      await page.keyboard.press('ArrowDown');
      await assertFocusVisible(page, `${where} (ArrowDown)`);
    }
  }
  await assertFocusVisible(page, where);
  const checked = await page.evaluate(() => document.activeElement.checked && document.activeElement.value);
  assert.equal(checked, String(value), `${where}: the option with value ${value} is checked and focused`);
}

/* ---------- the tests ---------- */

describe('quizzes in a browser (shian serve)', { timeout: 8 * TEST_TIMEOUT_MS }, () => {
  test('practice: feedback with 解析 and 依据; a wrong answer goes to the 错题本, which can be redone or cleared', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('practice');
    const page = await context.newPage();
    await openPractice(page);
    const summary = page.locator('[data-summary]');
    assert.match(await summary.innerText(), /已答 0 \/ 4 题/);

    // Right: fsl-045 (判断, 正确).
    const right = qItem(page, 'fsl-045');
    await right.locator('input[value="0"]').check();
    await right.locator('[data-check]').click();
    let fb = await feedbackOf(right);
    assert.equal(fb.live, 'polite', 'feedback is in an aria-live region');
    assert.match(fb.text, /回答正确/, `right answer is said in words (feedback: ${fb.text})`);
    assert.doesNotMatch(fb.text, /回答错误/);
    assert.deepEqual(fb.icon, ['✓'], 'with a ✓ icon');
    assert.match(fb.text, /健康检查每年一次/, 'the 解析 is shown');
    assert.deepEqual(fb.links, [{ href: '/laws/fsl/#art-45', text: '食品安全法 第四十五条' }], 'the 依据 links to the article');
    assert.equal(await right.evaluate((e) => e.classList.contains('is-right')), true);

    // Wrong: fsl-050 (单选, answer A 产品合格证明); choose B.
    const wrong = qItem(page, 'fsl-050');
    await wrong.locator('input[value="1"]').check();
    await wrong.locator('[data-check]').click();
    fb = await feedbackOf(wrong);
    assert.equal(fb.live, 'polite');
    assert.match(fb.text, /回答错误/, `wrong answer is said in words (feedback: ${fb.text})`);
    assert.doesNotMatch(fb.text, /回答正确/);
    assert.deepEqual(fb.icon, ['✗'], 'with a ✗ icon');
    assert.match(fb.text, /答案[\s：:]*A/, 'the right answer is given (「正确答案：A。」)');
    assert.match(fb.text, /营业执照不能替代/, 'the 解析 is shown');
    assert.deepEqual(fb.links, [{ href: '/laws/fsl/#art-50', text: '食品安全法 第五十条' }], 'the 依据 links to 第五十条');
    assert.match(await summary.innerText(), /已答 2 \/ 4 题，正确 1 题/);

    // The tf question without an id, wrong too (to remove it from the book with the button later).
    const noId = page.locator('[data-qid^="q-"][data-type="tf"]');
    assert.equal(await noId.count(), 1, 'the tf question without an id has a generated id');
    const noIdQid = await noId.getAttribute('data-qid');
    await noId.locator('input[value="0"]').check();
    await noId.locator('[data-check]').click();
    assert.match((await feedbackOf(noId)).text, /回答错误/);

    // The 依据 link leads to the article.
    const lawPage = await context.newPage();
    await lawPage.goto(url('/laws/fsl/#art-50'));
    assert.equal(await lawPage.locator('#art-50').count(), 1, '/laws/fsl/ has #art-50');
    assert.match(await lawPage.locator('#art-50').innerText(), /第五十条/);
    await lawPage.close();

    // The answers and their feedback survive a reload.
    await openPractice(page);
    assert.equal(await qItem(page, 'fsl-050').locator('input[value="1"]').isChecked(), true);
    assert.match((await feedbackOf(qItem(page, 'fsl-050'))).text, /回答错误/);
    assert.match(await summary.innerText(), /已答 3 \/ 4 题，正确 1 题/);

    // The hub counts the book.
    await page.goto(url('/quiz/'));
    await page.waitForFunction(() => document.querySelector('[data-wrong-count]').textContent !== '', null, { timeout: WAIT_MS });
    assert.match(await page.locator('[data-wrong-count]').innerText(), /2 题/);

    // 错题本: both wrong questions are there, the right one is not.
    await page.goto(url('/quiz/wrong/'));
    const list = page.locator('[data-wrong-list]');
    await list.locator('[data-qid="fsl-050"]').waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.deepEqual(
      (await list.locator('.q[data-qid]').evaluateAll((es) => es.map((e) => e.dataset.qid))).sort(),
      ['fsl-050', noIdQid].sort(),
    );
    assert.match(await page.locator('[data-summary]').innerText(), /错题本中有 2 题/);
    const book = list.locator('[data-qid="fsl-050"]');
    assert.match(await book.innerText(), /应当查验供货者的许可证/, 'the snapshot shows the stem');
    assert.match(await book.innerText(), /答错 1 次/);

    // Redo it right: once (still in the book, and still there after a reload) …
    await book.locator('input[value="0"]').check();
    await book.locator('[data-check]').click();
    fb = await feedbackOf(book);
    assert.match(fb.text, /回答正确/);
    assert.match(fb.text, /已连续答对 1 次，再答对 1 次/);
    await page.reload();
    await list.locator('[data-qid="fsl-050"]').waitFor({ state: 'visible', timeout: WAIT_MS });
    // … and a second time: it leaves the book.
    await book.locator('input[value="0"]').check();
    await book.locator('[data-check]').click();
    assert.match((await feedbackOf(book)).text, /已连续答对两次，这道题已移出错题本/);
    assert.match(await page.locator('[data-summary]').innerText(), /错题本中有 1 题/);

    // The other one: the remove button; focus moves to the message.
    const other = list.locator(`[data-qid="${noIdQid}"]`);
    await other.locator('[data-remove]').click();
    assert.match((await feedbackOf(other)).text, /这道题已移出错题本/);
    assert.equal(await other.locator('[data-remove]').count(), 0, 'the remove button is gone');
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('verdict-note')), true, 'focus moves to the message');
    assert.match(await page.locator('[data-summary]').innerText(), /错题本是空的/);

    await page.reload();
    await page.locator('[data-summary]').waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal(await list.locator('.q[data-qid]').count(), 0, 'both questions left the book for good');
    assert.match(await page.locator('[data-summary]').innerText(), /错题本是空的/);
    assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem('shian.wrong.v1'))), {});
    await context.close();
  });

  test('the exam start screen states the rules with plain numbers', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('exam-rules');
    const page = await context.newPage();
    await openExam(page, SEED);
    // 6 questions, 100 points, 10 minutes, pass at 80%; the make-up of the paper in words, one line
    // per category, with the points of each type since they differ.
    const facts = await page.locator('[data-start-screen] .exam-facts dd').allInnerTexts();
    const draws = await page.locator('[data-start-screen] [data-exam-draws] > li').allInnerTexts();
    await context.close();
    assert.deepEqual(draws.map((t) => t.trim()), [
      '法律法规（含下级分类）：判断 2 题（每题 10 分）、单选 1 题（每题 20 分）',
      '专业知识（含下级分类）：不限题型 3 题（每题 20 分）',
    ]);
    assert.deepEqual(
      facts.slice(0, 4).map((t) => t.trim()),
      ['6 题', '100 分', '10 分钟', '得分达到总分的 80%'],
      'the start screen states the rules with plain numbers ("100 分", not "100.0 分")',
    );
  });

  test('mock exam with ?seed: the contract\'s paper, flags, reload, unanswered warning, 80 / 100 passes, review, 错题本', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('exam');
    const page = await context.newPage();
    await openExam(page, SEED);

    // The collected fields are required.
    await page.locator('[data-start]').click();
    await page.locator('[data-errors]').waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal(await page.locator('[data-error-list] li').count(), 2, 'both fields are reported');
    assert.equal(await page.locator('[data-collect="姓名"]').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('[data-paper]').isVisible(), false, 'no paper before the fields are filled');

    await startExam(page, SEED);
    const data = await quizJson(page);
    const byId = Object.fromEntries(data.questions.map((q) => [q.id, q]));
    const pointsOf = Object.fromEntries(data.quiz.exam.draws.flatMap((d) => d.pool.map((id) => [id, d.points])));

    // The paper is the one the contract's drawing rules give for this seed.
    const paper = await shownPaper(page);
    assert.equal(paper.length, 6);
    assert.deepEqual(paper, referencePaper(data, SEED), 'the paper follows docs/quiz-theme-contract.md for seed 12345');
    assert.equal(new Set(paper.map((p) => p.id)).size, 6, 'no question twice');
    assert.equal(paper.reduce((s, p) => s + pointsOf[p.id], 0), 100);
    assert.equal(paper.filter((p) => byId[p.id].type === 'tf' && byId[p.id].category.startsWith('法律法规/')).length >= 2, true);

    // Plan: one 20-point question wrong, one left unanswered for now, one flagged.
    const twenty = paper.filter((p) => pointsOf[p.id] === 20).map((p) => p.id);
    // The wrong one is the question with an image option, so the 错题本 snapshot shows an image too.
    assert.ok(twenty.includes('trace-01'), 'trace-01 (20 points, an image option) is on the paper');
    const wrongQid = 'trace-01';
    const skipQid = paper.map((p) => p.id).filter((id) => id !== wrongQid).at(-1);
    const flagQid = paper.map((p) => p.id).find((id) => id !== wrongQid && id !== skipQid);
    const chosen = {};
    for (const { id } of paper) {
      if (id === skipQid) continue;
      chosen[id] = id === wrongQid ? [wrongOf(byId[id])] : rightOf(byId[id]);
      await choose(page, id, chosen[id]);
    }
    assert.deepEqual(
      await images(page, '[data-paper] img'),
      [{ src: '/img/box.svg', alt: '产品包装', ok: true }],
      'the image option shows on the paper',
    );
    const sheet = (qid) => page.locator(`[data-sheet] [data-sheet-item][data-qid-target="${qid}"]`);
    assert.equal(await sheet(wrongQid).getAttribute('data-state'), 'answered');
    assert.equal(await sheet(skipQid).getAttribute('data-state'), 'unanswered');
    assert.match(await sheet(skipQid).innerText(), /未答/);

    await examItem(page, flagQid).locator('[data-flag]').click();
    assert.equal(await examItem(page, flagQid).locator('[data-flag]').getAttribute('aria-pressed'), 'true');
    assert.equal(await sheet(flagQid).getAttribute('data-state'), 'flagged', 'the answer sheet shows the flag');
    assert.match(await sheet(flagQid).innerText(), /已标记/, 'the flag is said in words on the sheet');
    assert.match(await sheet(flagQid).innerText(), /⚑/);

    // Reload mid-exam: same paper, answers, flag, and the clock keeps running from the deadline.
    // It shows 10:00 for the first second, then counts down.
    await page.waitForFunction(
      () => /^0\d:\d\d$/.test(document.querySelector('[data-paper] [data-timer]').textContent),
      null,
      { timeout: WAIT_MS },
    );
    const before = await clockSeconds(page);
    assert.ok(before < 600 && before > 540, `the clock counts down from 10:00 (shows ${before} s)`);
    const saved = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), EXAM_KEY);
    assert.equal(saved.seed, SEED);
    assert.ok(saved.deadline > Date.now(), 'a deadline is stored');
    await delay(1_500);
    await page.reload();
    await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
    await waitForClock(page);
    const afterReload = await clockSeconds(page);
    const expectedLeft = Math.ceil((saved.deadline - Date.now()) / 1000);
    assert.ok(afterReload < 600 && afterReload <= before, `the timer is not reset by a reload (${before} s before, ${afterReload} s after)`);
    assert.ok(Math.abs(afterReload - expectedLeft) <= 2, `the timer counts to the stored deadline (${afterReload} s shown, ${expectedLeft} s expected)`);
    assert.match(await page.locator('[data-exam-notice]').innerText(), /已恢复/);
    assert.deepEqual(await shownPaper(page), paper, 'the same paper, in the same order');
    for (const { id } of paper) {
      const checked = await examItem(page, id).locator('input:checked').evaluateAll((is) => is.map((i) => Number(i.value)));
      assert.deepEqual(checked, chosen[id] || [], `answer to ${id} kept`);
    }
    assert.equal(await examItem(page, flagQid).locator('[data-flag]').getAttribute('aria-pressed'), 'true', 'flag kept');
    assert.equal(await sheet(flagQid).getAttribute('data-state'), 'flagged');
    await delay(2_200);
    const later = await clockSeconds(page);
    assert.ok(later < afterReload, `the clock keeps counting down after the reload (${afterReload} s, then ${later} s)`);

    // Hand in with one question unanswered: a warning with the count; continue goes to that question.
    await page.locator('[data-submit]').click();
    const confirm = page.locator('[data-confirm]');
    await confirm.waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal(await confirm.getAttribute('role'), 'alertdialog');
    assert.match(await confirm.innerText(), /还有 1 题未作答/);
    assert.equal(await page.evaluate(() => document.activeElement.hasAttribute('data-continue')), true, 'focus on 继续作答');
    assert.equal(await page.locator('[data-result]').isVisible(), false, 'not handed in yet');
    await page.locator('[data-continue]').click();
    assert.equal(await confirm.isVisible(), false);
    assert.equal(
      await page.evaluate((id) => !!document.activeElement.closest(`[data-qid="${id}"]`), skipQid),
      true,
      'focus goes to the unanswered question',
    );
    chosen[skipQid] = rightOf(byId[skipQid]);
    await choose(page, skipQid, chosen[skipQid]);
    assert.equal(await sheet(skipQid).getAttribute('data-state'), 'answered');
    await page.locator('[data-submit]').click();
    await page.locator('[data-result]').waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal(await confirm.isVisible(), false, 'no warning once everything is answered');

    // Result.
    assert.equal((await page.locator('[data-score]').innerText()).trim(), '80 / 100');
    assert.equal(await page.locator('[data-passed]').getAttribute('data-passed'), 'true', '80 ≥ 80 passes');
    assert.match(await page.locator('[data-passed]').innerText(), /合格/);
    assert.doesNotMatch(await page.locator('[data-passed]').innerText(), /不合格/);
    const resultText = await page.locator('[data-result]').innerText();
    assert.match(resultText, /张三/);
    assert.match(resultText, /放心食品有限公司/);
    assert.match(resultText, /12345/, 'the seed is shown');
    assert.match(resultText, /答错或未答的 1 题已加入错题本/);

    // Review: every question, options marked with words and icons.
    const review = await page.locator('[data-result] .review > li[data-qid]').evaluateAll((lis) =>
      lis.map((li) => ({
        id: li.dataset.qid,
        verdict: li.querySelector('.review-verdict').textContent.trim(),
        points: li.querySelector('.review-points').textContent.trim(),
        rows: [...li.querySelectorAll('.opt-row')].map((r) => ({
          text: r.textContent.trim(),
          icon: r.querySelector('.opt-icon').textContent,
        })),
      })),
    );
    assert.deepEqual(review.map((r) => r.id), paper.map((p) => p.id), 'the review shows every question in paper order');
    for (const [i, r] of review.entries()) {
      const q = byId[r.id];
      const order = paper[i].order;
      const mine = chosen[r.id];
      const isWrong = r.id === wrongQid;
      assert.match(r.verdict, isWrong ? /✗\s*答错/ : /✓\s*答对/, `${r.id}: verdict in words`);
      assert.match(r.points, isWrong ? /得 0 分，共 20 分/ : new RegExp(`得 ${pointsOf[r.id]} 分`), `${r.id}: points`);
      assert.equal(r.rows.length, q.options.length);
      order.forEach((src, pos) => {
        const row = r.rows[pos];
        const correct = q.options[src].correct;
        const picked = mine.includes(src);
        assert.equal(/正确选项/.test(row.text), correct, `${r.id} option ${pos}: correct option marked in words ("${row.text}")`);
        assert.equal(/你的选择/.test(row.text), picked, `${r.id} option ${pos}: own choice marked in words ("${row.text}")`);
        assert.equal(row.icon, correct ? '✓' : picked ? '✗' : '', `${r.id} option ${pos}: icon`);
      });
    }

    assert.deepEqual(await images(page, '[data-result] img'), [{ src: '/img/box.svg', alt: '产品包装', ok: true }], 'and in the review');

    // The result stays after a reload.
    await page.reload();
    await page.locator('[data-result]').waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal((await page.locator('[data-score]').innerText()).trim(), '80 / 100');

    // The wrongly answered question is in the 错题本, and only it.
    await page.goto(url('/quiz/wrong/'));
    await page.locator(`[data-wrong-list] [data-qid="${wrongQid}"]`).waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.deepEqual(await page.locator('[data-wrong-list] .q[data-qid]').evaluateAll((es) => es.map((e) => e.dataset.qid)), [wrongQid]);
    assert.deepEqual(await images(page, '[data-wrong-list] img'), [{ src: '/img/box.svg', alt: '产品包装', ok: true }], 'the 错题本 snapshot shows the image');

    // Determinism: the same seed in a fresh browser profile gives the same paper; another seed another.
    const again = await newContext('exam-again');
    const p2 = await again.newPage();
    await startExam(p2, SEED, '王五', '某公司');
    assert.deepEqual(await shownPaper(p2), paper, 'same seed, same paper (questions and options)');
    await again.close();

    const expectedOther = referencePaper(data, OTHER_SEED);
    assert.notDeepEqual(expectedOther, paper, 'test setup: the other seed draws another paper by the contract');
    const other = await newContext('exam-other-seed');
    const p3 = await other.newPage();
    await startExam(p3, OTHER_SEED, '王五', '某公司');
    const otherPaper = await shownPaper(p3);
    assert.notDeepEqual(otherPaper, paper, 'another seed gives another question or option order');
    assert.deepEqual(otherPaper, expectedOther, `the paper follows the contract for seed ${OTHER_SEED}`);
    await other.close();
    await context.close();
  });

  test('keyboard only: a practice question and a whole exam, with a visible focus at every step', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('keyboard');
    const page = await context.newPage();

    // Practice: the single choice by Tab, Space and Enter.
    await openPractice(page);
    await keyTo(page, 'Tab', focusIn, { sel: '[data-qid="fsl-050"] .q-options' }, 'practice: into fsl-050');
    await pickRadioByKeys(page, 0, 'practice: fsl-050 A');
    await keyTo(page, 'Tab', focusIs, { sel: '[data-qid="fsl-050"] [data-check]' }, 'practice: to 检查答案');
    await page.keyboard.press('Enter');
    assert.match((await feedbackOf(qItem(page, 'fsl-050'))).text, /回答正确/);
    // Back with Shift+Tab, change the answer with the arrows (feedback goes), check with Space.
    await keyTo(page, 'Shift+Tab', focusIn, { sel: '[data-qid="fsl-050"] .q-options' }, 'practice: back to fsl-050');
    await pickRadioByKeys(page, 2, 'practice: fsl-050 C');
    assert.equal((await feedbackOf(qItem(page, 'fsl-050'))).text, '', 'changing the answer clears the old feedback');
    await keyTo(page, 'Tab', focusIs, { sel: '[data-qid="fsl-050"] [data-check]' }, 'practice: to 检查答案 again');
    await page.keyboard.press('Space');
    assert.match((await feedbackOf(qItem(page, 'fsl-050'))).text, /回答错误/);
    // The multiple choice: checkboxes are separate Tab stops, toggled with Space.
    await keyTo(page, 'Tab', focusIs, { sel: '[data-qid="fsl-034"] input[value="0"]' }, 'practice: to fsl-034 A');
    await page.keyboard.press('Space');
    await keyTo(page, 'Tab', focusIs, { sel: '[data-qid="fsl-034"] input[value="1"]' }, 'practice: to fsl-034 B');
    await page.keyboard.press('Space');
    await keyTo(page, 'Tab', focusIs, { sel: '[data-qid="fsl-034"] [data-check]' }, 'practice: to fsl-034 检查答案');
    await page.keyboard.press('Enter');
    assert.match((await feedbackOf(qItem(page, 'fsl-034'))).text, /回答正确/);
    assert.match(await page.locator('[data-summary]').innerText(), /已答 2 \/ 4 题，正确 1 题/);

    // Exam: fill the form, start, answer every question, flag one, hand in: keys only.
    await openExam(page, 777);
    await keyTo(page, 'Tab', focusIs, { sel: '[data-collect="姓名"]' }, 'exam: to 姓名');
    await page.keyboard.type('李四');
    await keyTo(page, 'Tab', focusIs, { sel: '[data-collect="企业"]' }, 'exam: to 企业');
    await page.keyboard.type('键盘食品厂');
    await page.keyboard.press('Enter');
    await page.locator('[data-paper] .q[data-qid]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
    await waitForClock(page);
    await assertFocusVisible(page, 'exam: focus after start');
    const data = await quizJson(page);
    const byId = Object.fromEntries(data.questions.map((q) => [q.id, q]));
    const paper = await shownPaper(page);
    for (const [i, { id }] of paper.entries()) {
      await keyTo(page, 'Tab', focusIn, { sel: `[data-paper] .q[data-qid="${id}"] .q-options` }, `exam: into question ${i + 1}`);
      const [right] = rightOf(byId[id]);
      await pickRadioByKeys(page, right, `exam: question ${i + 1}`);
      if (i === 0) {
        await keyTo(page, 'Tab', focusIs, { sel: `[data-paper] .q[data-qid="${id}"] [data-flag]` }, 'exam: to the flag');
        await page.keyboard.press('Space');
        assert.equal(await examItem(page, id).locator('[data-flag]').getAttribute('aria-pressed'), 'true');
      }
    }
    assert.equal(await page.locator('[data-sheet-item][data-state="unanswered"]').count(), 0, 'every question answered');
    assert.equal(await page.locator('[data-sheet-item][data-state="flagged"]').count(), 1);
    await keyTo(page, 'Tab', focusIs, { sel: '[data-submit]' }, 'exam: to 交卷');
    await page.keyboard.press('Enter');
    await page.locator('[data-result]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await assertFocusVisible(page, 'exam: focus on the result');
    assert.equal((await page.locator('[data-score]').innerText()).trim(), '100 / 100');
    assert.equal(await page.locator('[data-passed]').getAttribute('data-passed'), 'true');
    await context.close();
  });

  test('the practice set embedded in /lesson-page/ checks answers', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('lesson');
    const page = await context.newPage();
    await openPractice(page, '/lesson-page/');
    const embed = page.locator('.quiz-embed');
    assert.equal(await embed.locator('.q[data-qid]').count(), 2, 'two questions embedded');
    const q = embed.locator('[data-qid="fsl-050"]');
    await q.locator('input[value="0"]').check();
    await q.locator('[data-check]').click();
    const fb = await feedbackOf(q);
    assert.match(fb.text, /回答正确/);
    assert.match(fb.text, /营业执照不能替代/);
    assert.deepEqual(fb.links, [{ href: '/laws/fsl/#art-50', text: '食品安全法 第五十条' }]);
    const tf = embed.locator('[data-qid="fsl-045"]');
    await tf.locator('input[value="1"]').check();
    await tf.locator('[data-check]').click();
    assert.match((await feedbackOf(tf)).text, /回答错误/);
    assert.match(await embed.locator('[data-summary]').innerText(), /已答 2 \/ 2 题，正确 1 题/);
    assert.equal(await embed.locator('[data-answer]').first().isVisible(), false, 'the no-script answer box is hidden');
    await page.reload();
    await embed.locator('[data-check]').first().waitFor({ state: 'visible', timeout: WAIT_MS });
    assert.equal(await q.locator('input[value="0"]').isChecked(), true, 'the answer is kept');
    await page.goto(url('/quiz/wrong/'));
    await page.locator('[data-wrong-list] [data-qid="fsl-045"]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await context.close();
  });

  test('axe-core: no serious or critical violation on any quiz page', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('axe');
    const page = await context.newPage();

    await page.goto(url('/quiz/'));
    await page.locator('[data-records-count]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await assertAxeClean(page, 'hub /quiz/');

    await page.goto(url('/banks/law/fsl/'));
    await assertAxeClean(page, 'bank /banks/law/fsl/');

    await openPractice(page);
    await qItem(page, 'fsl-050').locator('input[value="1"]').check();
    await qItem(page, 'fsl-050').locator('[data-check]').click();
    await qItem(page, 'fsl-045').locator('input[value="0"]').check();
    await qItem(page, 'fsl-045').locator('[data-check]').click();
    await assertAxeClean(page, 'practice /banks/law/fsl/practice/ (with feedback)');

    await page.goto(url('/quiz/wrong/'));
    const book = page.locator('[data-wrong-list] [data-qid="fsl-050"]');
    await book.waitFor({ state: 'visible', timeout: WAIT_MS });
    await book.locator('input[value="2"]').check();
    await book.locator('[data-check]').click();
    await assertAxeClean(page, '错题本 /quiz/wrong/ (with a question and feedback)');

    await openExam(page, SEED);
    await assertAxeClean(page, 'exam start screen');
    await page.locator('[data-start]').click();
    await page.locator('[data-errors]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await assertAxeClean(page, 'exam start screen with errors');

    await startExam(page, SEED);
    const data = await quizJson(page);
    const byId = Object.fromEntries(data.questions.map((q) => [q.id, q]));
    const paper = await shownPaper(page);
    await choose(page, paper[0].id, rightOf(byId[paper[0].id]));
    await examItem(page, paper[1].id).locator('[data-flag]').click();
    await page.locator('[data-submit]').click();
    await page.locator('[data-confirm]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await assertAxeClean(page, 'exam in progress (with the hand-in warning)');

    for (const { id } of paper) await choose(page, id, rightOf(byId[id]));
    await page.locator('[data-submit]').click();
    await page.locator('[data-result]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await assertAxeClean(page, 'exam result');

    await openPractice(page, '/lesson-page/');
    await assertAxeClean(page, '/lesson-page/');
    await context.close();
  });

  test('no request leaves 127.0.0.1', () => {
    assert.ok(guards.length >= 6, `every test guarded its context (${guards.map((g) => g.label).join(', ')})`);
    for (const { label, outside } of guards) assert.deepEqual(outside, [], `${label}: requests outside 127.0.0.1`);
  });
});
