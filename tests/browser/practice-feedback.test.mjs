// Practice feedback per option and the 错题本 links, in a real Chromium on the sample site under
// `shian serve`, at a 360x640 phone (touch) and at desktop size: after 检查答案 every option of the
// question is marked in words (选对 / 错选 / 漏选 / 正确答案, an icon hidden from screen readers), a
// wrong choice is red and never styled as a correct one, the verdict line says what was wrongly chosen
// or missed and gives the answer (a 判断 reads 「回答错误。正确答案是“错误”。」), changing the answer and
// 全部重做 clear the marks; the same in the 错题本 and in a practice set embedded in a lesson. Every
// practice page links to the 错题本 with its size; a wrong answer shows up in the 错题本 with a link
// that opens the bank's 背题 page at that question. No horizontal overflow at 360 px, no serious axe
// violation, no request leaving 127.0.0.1.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addAxe,
  TEST_TIMEOUT_MS,
  WAIT_MS,
  closeAllBrowsers,
  copySampleSite,
  guardRequests,
  launchBrowser,
  removeTempDirs,
  startServe,
  stopAllServers,
} from './helpers.mjs';

const PRACTICE = '/banks/law/food-safety-law/practice/';
const BANK = '/banks/law/food-safety-law/';
const WRONG = '/quiz/wrong/';
const LESSON = '/courses/traceability/recall/';
const VIEWPORTS = [
  ['phone', { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
  ['desktop', { viewport: { width: 1280, height: 800 } }],
];

let browser;
let server;
const guards = [];

before(async () => {
  server = await startServe(copySampleSite());
  browser = await launchBrowser();
});

after(async () => {
  await closeAllBrowsers();
  await stopAllServers();
  removeTempDirs();
});

const url = (p) => new URL(p, server.url).href;

async function newContext(label, options) {
  const context = await browser.newContext(options);
  guards.push({ label, outside: guardRequests(context) });
  // Live reload answered with an empty script, so a stray rebuild cannot reload a page mid-check.
  await context.route('**/__shian/livereload.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* live reload off */' }),
  );
  return context;
}

async function assertAxeClean(page, where) {
  await addAxe(page);
  const results = await page.evaluate(() => window.axe.run(document));
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const list = bad.map((v) => `  - ${v.id} (${v.impact}): ${v.help} ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`).join('\n');
  assert.equal(bad.length, 0, `${where}: axe-core found serious/critical violations:\n${list}`);
}

async function assertNoOverflow(page, where) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${where}: no horizontal overflow (scrollWidth ${scroll} > clientWidth ${client})`);
}

/** Opens a practice page and waits (bounded) until quiz-practice.js has wired it. */
async function openPractice(page, p, box = '[data-quiz="practice"]') {
  await page.goto(url(p));
  await page.locator(`${box}[data-ready] [data-check]`).first().waitFor({ state: 'visible', timeout: WAIT_MS });
}

/** The quiz JSON of the first practice box on the page ({quiz, questions}). */
const quizData = (page, box = '[data-quiz="practice"]') =>
  page.evaluate((b) => JSON.parse(document.querySelector(`${b} [data-quiz-json]`).textContent), box);

/** A link's words (textContent: the count is a flex item of its own, which innerText puts on a line). */
const words = async (a) => (await a.textContent()).replace(/\s+/g, ' ').trim();

const rightOf = (q) => q.options.flatMap((o, i) => (o.correct ? [i] : []));
const wrongOf = (q) => q.options.flatMap((o, i) => (o.correct ? [] : [i]));

/** Every option of a question item: its source index, data-mark, tag words and the icon's aria-hidden. */
function marksOf(item) {
  return item.locator('label.opt').evaluateAll((labels) =>
    labels.map((l) => {
      const tag = l.querySelector('.opt-mark');
      const icon = tag && tag.querySelector('.icon');
      return {
        src: Number(l.querySelector('input').value),
        mark: l.getAttribute('data-mark'),
        words: tag ? tag.textContent.replace(/\s+/g, ' ').trim() : '',
        iconHidden: icon ? icon.getAttribute('aria-hidden') : null,
        tagShown: tag ? tag.getBoundingClientRect().width > 0 && getComputedStyle(tag).visibility === 'visible' : false,
      };
    }),
  );
}

/** The verdict shown in an item's feedback: its data-verdict, its line and the terms of its facts. */
async function verdictOf(item) {
  const fb = item.locator('[data-feedback]');
  return {
    live: await fb.getAttribute('aria-live'),
    verdict: await fb.locator('.verdict').getAttribute('data-verdict'),
    line: (await fb.locator('.verdict-line').innerText()).replace(/\s+/g, ' ').trim(),
    terms: await fb.locator('dt').allInnerTexts(),
  };
}

/** Computed colours of a label and its tag. */
const colours = (label) =>
  label.evaluate((l) => {
    const cs = getComputedStyle(l);
    const tag = l.querySelector('.opt-mark');
    return {
      border: cs.borderTopColor,
      background: cs.backgroundColor,
      accent: getComputedStyle(l.querySelector('input')).accentColor,
      tag: tag ? getComputedStyle(tag).color : '',
    };
  });

const wrongBook = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('shian.wrong.v1') || '{}'));

/** Letters of source indexes, as the feedback lists them. */
const lettersOf = (q, idxs) => idxs.map((i) => q.options[i].letter).sort().join('、');

for (const [label, options] of VIEWPORTS) {
  describe(`practice feedback per option (${label})`, { timeout: 6 * TEST_TIMEOUT_MS }, () => {
    test('a 多选 with a right, a wrong and a missed option shows three marks in words; a wrong choice is not green', { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await newContext(`${label}-multi`, options);
      const page = await context.newPage();
      await openPractice(page, PRACTICE);
      const data = await quizData(page);
      const q = data.questions.find((x) => x.type === 'multi' && rightOf(x).length >= 2 && wrongOf(x).length >= 1);
      assert.ok(q, 'the bank has a 多选 with two right options and a wrong one');
      const [hit, ...missed] = rightOf(q);
      const [bad] = wrongOf(q);
      const item = page.locator(`[data-quiz="practice"] .q[data-qid="${q.id}"]`);
      await item.locator(`input[value="${hit}"]`).check();
      await item.locator(`input[value="${bad}"]`).check();
      assert.equal(await item.locator('[data-mark]').count(), 0, 'no mark before 检查答案');
      await item.locator('[data-check]').click();

      const marks = await marksOf(item);
      const want = (src) => (src === hit ? 'right' : src === bad ? 'wrong' : missed.includes(src) ? 'missed' : null);
      assert.deepEqual(marks.map((m) => m.mark), marks.map((m) => want(m.src)), `every option is marked (${JSON.stringify(marks)})`);
      for (const m of marks) {
        const said = { right: '✓ 选对', wrong: '✗ 错选', missed: '! 漏选' }[m.mark] || '';
        assert.equal(m.words, said, `option ${m.src}: the tag says "${said}"`);
        if (m.mark) {
          assert.equal(m.iconHidden, 'true', `option ${m.src}: the icon is hidden from screen readers, the words are not`);
          assert.ok(m.tagShown, `option ${m.src}: the tag is visible`);
        }
      }
      // Screen readers hear the mark in the option's name.
      const name = (src) => item.locator(`input[value="${src}"]`).evaluate((i) => i.labels[0].textContent.replace(/\s+/g, ' ').trim());
      assert.match(await name(hit), /选对$/);
      assert.match(await name(bad), /错选$/);
      assert.match(await name(missed[0]), /漏选$/);
      assert.equal(await page.getByRole('checkbox', { name: /错选/ }).count(), 1, 'the accessible name of the wrong choice says 错选');
      assert.equal(await page.getByRole('checkbox', { name: /选对/ }).count(), 1, 'the accessible name of the right choice says 选对');
      assert.equal(await page.getByRole('checkbox', { name: /漏选/ }).count(), missed.length, 'the accessible name of a missed option says 漏选');

      // Colours: the wrong choice is styled apart from the right one (border, fill, tag, checkbox).
      const right = await colours(item.locator('label.opt[data-mark="right"]'));
      const wrong = await colours(item.locator('label.opt[data-mark="wrong"]'));
      const gone = await colours(item.locator('label.opt[data-mark="missed"]').first());
      assert.notEqual(wrong.border, right.border, `the wrong choice's border is not the correct one's (${wrong.border})`);
      assert.notEqual(wrong.background, right.background, `the wrong choice's fill is not the correct one's (${wrong.background})`);
      assert.notEqual(wrong.tag, right.tag, 'the wrong tag has its own colour');
      assert.notEqual(wrong.accent, right.accent, 'the wrong choice\'s checkbox is not green');
      assert.equal(gone.tag, right.tag, 'a missed option is marked as a correct one');
      const [r, g, b] = wrong.border.match(/\d+/g).map(Number);
      assert.ok(r > g && r > b, `the wrong choice's border is red (${wrong.border})`);

      const v = await verdictOf(item);
      assert.equal(v.live, 'polite', 'the feedback is in an aria-live region');
      assert.equal(v.verdict, 'wrong');
      assert.equal(
        v.line,
        `✗ 回答错误。错选 ${lettersOf(q, [bad])}。漏选 ${lettersOf(q, missed)}。正确答案：${lettersOf(q, rightOf(q))}。`,
        'the verdict line says what was wrongly chosen, what was missed and the answer',
      );
      assert.ok(!v.terms.includes('答案'), `no separate 答案 row repeats the answer (terms: ${v.terms})`);
      await assertNoOverflow(page, `${label}: marked 多选`);

      // Changing the answer drops the marks; without the wrong one it is a partial answer.
      await item.locator(`input[value="${bad}"]`).uncheck();
      assert.equal(await item.locator('[data-mark], .opt-mark').count(), 0, 'changing the answer clears the marks');
      await item.locator('[data-check]').click();
      const p = await verdictOf(item);
      assert.equal(p.verdict, 'partial');
      assert.equal(p.line, `✗ 没有选全。漏选 ${lettersOf(q, missed)}。正确答案：${lettersOf(q, rightOf(q))}。`, 'a partial answer says what was missed');
      assert.deepEqual((await marksOf(item)).filter((m) => m.mark).map((m) => m.mark).sort(), ['missed', ...missed.slice(1).map(() => 'missed'), 'right'].sort());
      await assertAxeClean(page, `${label}: practice with marked options`);

      // The marks survive a reload (the answer is kept), and 全部重做 clears them.
      await openPractice(page, PRACTICE);
      assert.equal(await item.locator('label.opt[data-mark="right"]').count(), 1, 'the marks come back with the saved answer');
      await page.locator('[data-quiz="practice"] [data-reset]').click();
      assert.equal(await item.locator('[data-mark], .opt-mark').count(), 0, '全部重做 clears the marks');
      assert.equal(await item.locator('input:checked').count(), 0);
      await context.close();
    });

    test('判断 and 单选: natural verdicts; the right answer is marked when the choice is wrong', { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await newContext(`${label}-tf`, options);
      const page = await context.newPage();
      await openPractice(page, PRACTICE);
      const data = await quizData(page);
      const item = (q) => page.locator(`[data-quiz="practice"] .q[data-qid="${q.id}"]`);

      // A 判断 whose answer is 错误, answered 正确.
      const tf = data.questions.find((x) => x.type === 'tf' && x.options[1].correct);
      assert.ok(tf, 'the bank has a 判断 whose answer is 错误');
      await item(tf).locator('input[value="0"]').check();
      await item(tf).locator('[data-check]').click();
      let v = await verdictOf(item(tf));
      assert.equal(v.line, '✗ 回答错误。正确答案是“错误”。', `the 判断 verdict reads naturally (got ${v.line})`);
      assert.ok(!v.terms.includes('答案'), 'no 「答案 错误」 row');
      assert.deepEqual((await marksOf(item(tf))).map((m) => [m.mark, m.words]), [['wrong', '✗ 错选'], ['missed', '✓ 正确答案']]);

      // Answered right: one mark, on the choice.
      await item(tf).locator('input[value="1"]').check();
      await item(tf).locator('[data-check]').click();
      v = await verdictOf(item(tf));
      assert.equal(v.verdict, 'right');
      assert.equal(v.line, '✓ 回答正确');
      assert.deepEqual((await marksOf(item(tf))).map((m) => m.mark), [null, 'right']);

      // A 单选 answered wrong: the verdict gives the letter, the right option says 正确答案.
      const single = data.questions.find((x) => x.type === 'single');
      const [ans] = rightOf(single);
      const [no] = wrongOf(single);
      await item(single).locator(`input[value="${no}"]`).check();
      await item(single).locator('[data-check]').click();
      v = await verdictOf(item(single));
      assert.equal(v.line, `✗ 回答错误。正确答案：${single.options[ans].letter}。`);
      const sm = await marksOf(item(single));
      assert.equal(sm.find((m) => m.src === no).words, '✗ 错选');
      assert.equal(sm.find((m) => m.src === ans).words, '✓ 正确答案');
      assert.equal(sm.filter((m) => m.mark).length, 2, 'the other options carry no mark');
      await assertNoOverflow(page, `${label}: 判断 and 单选 marked`);

      // 重做答错的题 clears the marks of the wrong one and keeps those of the right one.
      await page.locator('[data-quiz="practice"] [data-reset-wrong]').click();
      assert.equal(await item(single).locator('[data-mark]').count(), 0, 'the redone question has no mark');
      assert.equal(await item(tf).locator('[data-mark="right"]').count(), 1, 'the right one keeps its mark');
      await context.close();
    });

    test('every practice page links to the 错题本 with its size; a wrong answer is there, with a link to its question', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
      const context = await newContext(`${label}-wrong`, options);
      const page = await context.newPage();
      await openPractice(page, PRACTICE);
      const data = await quizData(page);
      const link = page.locator('[data-quiz="practice"] .quiz-links a[data-wrong-link]').first();
      assert.ok(await link.isVisible(), 'the link to the 错题本 is visible near the top');
      assert.equal(new URL(await link.getAttribute('href'), page.url()).pathname, WRONG);
      assert.equal(await words(link), '打开错题本', 'no count while the book is empty');

      // A wrong answer: the book has one question, and the links say so.
      const single = data.questions.find((x) => x.type === 'single');
      const it = page.locator(`[data-quiz="practice"] .q[data-qid="${single.id}"]`);
      await it.locator(`input[value="${wrongOf(single)[0]}"]`).check();
      await it.locator('[data-check]').click();
      assert.deepEqual(Object.keys(await wrongBook(page)), [single.id]);
      assert.equal(await words(link), '打开错题本（1 题）', 'the link counts the book');
      for (const a of await page.locator('a[data-wrong-link]').all()) {
        assert.match(await words(a), /（1 题）/, 'every link to the book on the page counts it');
      }
      await assertNoOverflow(page, `${label}: practice with the 错题本 link`);

      // The category practice page and a practice set in a lesson link to it too, with the count.
      await page.goto(url('/quiz/'));
      const catHref = await page.locator('.hub-categories a').first().getAttribute('href');
      await openPractice(page, catHref);
      const catLink = page.locator('[data-quiz="practice"] .quiz-links a[data-wrong-link]').first();
      assert.ok(await catLink.isVisible(), 'category practice: the link is visible');
      assert.equal(new URL(await catLink.getAttribute('href'), page.url()).pathname, WRONG);
      assert.match(await words(catLink), /^打开错题本（1 题）$/);
      await openPractice(page, LESSON, '.quiz-embed');
      const embedLink = page.locator('.quiz-embed a[data-wrong-link]');
      assert.equal(await embedLink.count(), 1, 'the embedded set has one link to the book');
      await embedLink.scrollIntoViewIfNeeded();
      assert.ok(await embedLink.isVisible(), 'embedded set: the link is visible');
      assert.equal(new URL(await embedLink.getAttribute('href'), page.url()).pathname, WRONG);
      assert.match(await words(embedLink), /^打开错题本（1 题）$/);

      // The embedded set marks its options the same way.
      const ed = await quizData(page, '.quiz-embed');
      const eq = ed.questions.find((x) => x.type !== 'multi');
      const eItem = page.locator(`.quiz-embed .q[data-qid="${eq.id}"]`);
      await eItem.locator(`input[value="${wrongOf(eq)[0]}"]`).check();
      await eItem.locator('[data-check]').click();
      assert.deepEqual(
        (await marksOf(eItem)).filter((m) => m.mark).map((m) => m.words).sort(),
        ['✓ 正确答案', '✗ 错选'].sort(),
        'embedded set: the wrong choice and the answer are marked',
      );
      assert.match(await words(embedLink), /（2 题）/, 'the count follows a new wrong answer');
      await assertNoOverflow(page, `${label}: lesson with an embedded set`);

      // Follow the practice page's link to the 错题本.
      await openPractice(page, PRACTICE);
      await Promise.all([
        page.waitForURL((u) => u.pathname === WRONG, { timeout: WAIT_MS }),
        page.locator('[data-quiz="practice"] .quiz-links a[data-wrong-link]').first().click(),
      ]);
      const entry = page.locator(`[data-wrong-list] .q[data-qid="${single.id}"]`);
      await entry.waitFor({ state: 'visible', timeout: WAIT_MS });
      assert.ok(await page.locator('[data-quiz="wrong"] .hint[data-js]').isVisible(), 'the page says how to redo a question');

      // Redo it in the book (wrong again): the options are marked there as well.
      await entry.locator(`input[value="${wrongOf(single)[0]}"]`).check();
      await entry.locator('[data-check]').click();
      const bm = await marksOf(entry);
      assert.equal(bm.find((m) => m.src === wrongOf(single)[0]).mark, 'wrong');
      assert.equal(bm.find((m) => m.src === rightOf(single)[0]).mark, 'missed');
      assert.equal((await verdictOf(entry)).verdict, 'wrong');
      await entry.locator(`input[value="${rightOf(single)[0]}"]`).check();
      assert.equal(await entry.locator('[data-mark]').count(), 0, '错题本: changing the answer clears the marks');

      // Its link opens the bank's 背题 page at that question.
      const source = entry.locator('a[data-wrong-source]');
      assert.equal(await source.count(), 1, 'the entry links to its question');
      assert.ok(await source.isVisible());
      assert.match(await source.innerText(), /在题库中查看原题/);
      const href = await source.getAttribute('href');
      const target = new URL(href, page.url());
      assert.equal(target.pathname, BANK, `the link leads to the bank page (${href})`);
      assert.equal(target.hash, `#q-${single.id}`);
      await assertNoOverflow(page, `${label}: 错题本 with a link`);
      await assertAxeClean(page, `${label}: 错题本 with marks and a link`);
      await Promise.all([page.waitForURL((u) => u.pathname === BANK, { timeout: WAIT_MS }), source.click()]);
      await page.waitForLoadState('load', { timeout: WAIT_MS });
      // The browser scrolls to the fragment (smoothly, unless motion is reduced): wait, bounded, for it.
      await page
        .waitForFunction(() => {
          const e = document.getElementById(decodeURIComponent(location.hash.slice(1)));
          const top = e ? e.getBoundingClientRect().top : -1;
          return top >= 0 && top < (innerHeight * 2) / 3;
        }, null, { timeout: WAIT_MS })
        .catch(() => {});
      const at = await page.evaluate(() => {
        const e = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        return e && { qid: e.getAttribute('data-qid'), target: e.matches(':target'), top: e.getBoundingClientRect().top };
      });
      assert.ok(at, `the bank page has the element ${target.hash}`);
      assert.equal(at.qid, single.id, 'it is that question');
      assert.equal(at.target, true, 'the question is the page\'s :target');
      assert.ok(at.top >= 0 && at.top < (options.viewport.height * 2) / 3, `the page opens at the question (top ${at.top})`);
      await context.close();
    });

    test('an old 错题本 snapshot without bank_href has no link and can still be redone', { timeout: TEST_TIMEOUT_MS }, async () => {
      const context = await newContext(`${label}-old`, options);
      const page = await context.newPage();
      await openPractice(page, PRACTICE);
      const data = await quizData(page);
      const q = { ...data.questions.find((x) => x.type === 'tf') };
      delete q.bank_href;
      delete q.number;
      await page.evaluate((snap) => {
        localStorage.setItem('shian.wrong.v1', JSON.stringify({ [snap.id]: { question: snap, bank_hash: '', wrong: 1, right: 0, last: 1 } }));
      }, q);
      await page.goto(url(WRONG));
      const entry = page.locator(`[data-wrong-list] .q[data-qid="${q.id}"]`);
      await entry.waitFor({ state: 'visible', timeout: WAIT_MS });
      assert.equal(await entry.locator('a[data-wrong-source]').count(), 0, 'no link without bank_href');
      const [ans] = rightOf(q);
      await entry.locator(`input[value="${ans}"]`).check();
      await entry.locator('[data-check]').click();
      assert.equal((await verdictOf(entry)).line, '✓ 回答正确');
      assert.equal(await entry.locator('label.opt[data-mark="right"]').count(), 1);
      assert.match(await entry.locator('[data-feedback]').innerText(), /已连续答对 1 次/);
      await context.close();
    });
  });
}

test('no request left 127.0.0.1', () => {
  for (const g of guards) assert.deepEqual(g.outside, [], `${g.label}: requests outside 127.0.0.1`);
});
