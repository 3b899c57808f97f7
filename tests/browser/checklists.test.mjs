// Self-check forms in a real Chromium, on the sample site under `shian serve`: a daily form filled on a
// 360x640 phone with two 不符合 items (one key) scores and rates live, saves, survives a reload and
// reopens; three days gather into the weekly form and the weekly one into the monthly form; the CSV
// export imports in a fresh browser; a filled record prints on one A4 page; the 自查码 is read back by
// `shian quiz grade`; a form filled with the keyboard alone; the page without JavaScript; axe-core on
// every scripted state (axe needs JavaScript itself); no request leaves 127.0.0.1.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
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

const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1280, height: 800 };
const DAILY = '/checklists/food-production-daily/';
const WEEKLY = '/checklists/food-production-weekly/';
const MONTHLY = '/checklists/food-production-monthly/';

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

async function newContext(label, options = {}) {
  const context = await browser.newContext(options);
  guards.push({ label, outside: guardRequests(context) });
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

function pdfPages(buffer) {
  return (buffer.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
}

async function form(page) {
  return page.evaluate(() => JSON.parse(document.querySelector('[data-checklist]').textContent));
}

/** Opens a form, sets the record's fields and answers every item 符合 except `fails` (item ids). */
async function fill(page, p, { date, checker = '李四', enterprise = '示例·申江乳业有限公司', fails = [] }) {
  await page.goto(url(p));
  await page.locator('[data-ck-save]').waitFor({ state: 'visible', timeout: WAIT_MS });
  const c = await form(page);
  await page.fill('#ck-enterprise', enterprise);
  await page.fill('#ck-date', date);
  await page.fill('#ck-checker', checker);
  for (const it of c.items) {
    const value = fails.includes(it.id) ? 'fail' : 'pass';
    await page.locator(`input[name="a-${it.id}"][value="${value}"]`).check();
  }
  for (const id of fails) {
    await page.fill(`#p-${id}`, `${id} 的问题`);
    await page.fill(`#m-${id}`, `${id} 已处置`);
  }
  return c;
}

async function save(page) {
  await page.locator('[data-ck-save]').click();
  await page.locator('[data-ck-status]').filter({ hasText: '已保存' }).waitFor({ timeout: WAIT_MS });
}

describe('self-check forms', () => {
  test('a daily record on a phone: live score and rating, saved, reloaded, gathered weekly and monthly, printed, handed in', { timeout: 3 * TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('phone', { viewport: PHONE, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(url(DAILY));
    await page.locator('[data-ck-save]').waitFor({ state: 'visible', timeout: WAIT_MS });
    const c = await form(page);
    const key = c.items.find((it) => it.key).id;
    const plain = c.items.find((it) => !it.key).id;
    assert.ok(c.items.length >= 25, `${c.items.length} items`);

    await fill(page, DAILY, { date: '2024-12-02', fails: [key, plain] });
    const n = c.items.length;
    const expected = `${Math.round(((n - 2) * 1000) / n) / 10}%`;
    assert.equal(await page.locator('[data-ck-score]').innerText(), expected);
    assert.equal(await page.locator('[data-ck-rating]').innerText(), '严重风险隐患', 'a failed key item rates the last band');
    assert.match(await page.locator('[data-ck-note]').innerText(), /关键项不符合/);
    assert.ok(await page.locator(`#p-${key}`).isVisible(), '不符合 opens 问题描述');
    assert.ok(!(await page.locator(`#p-${c.items.find((it) => it.id != key && it.id != plain).id}`).isVisible()), '符合 keeps it closed');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width}px wide`);
    await assertAxeClean(page, 'daily form, filled');

    // A problem without a description is not saved.
    await page.fill(`#p-${plain}`, '');
    await page.locator('[data-ck-save]').click();
    assert.match(await page.locator('[data-ck-status]').innerText(), /请填写问题描述/);
    assert.equal(await page.evaluate(() => document.activeElement.id), `p-${plain}`);
    await page.fill(`#p-${plain}`, `${plain} 的问题`);
    await save(page);

    // The 自查码 and its QR code; shian quiz grade reads it back the same.
    await page.locator('[data-ck-code-make]').click();
    const code = (await page.locator('[data-ck-code]').innerText()).trim();
    assert.match(code, /^SK1[A-Za-z0-9_-]+$/);
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'chat.txt'), `[08:30] 李四：今天的自查码 ${code}\n`);
    const res = runShian(['quiz', 'grade', path.join(dir, 'chat.txt'), '--root', site]);
    assert.equal(res.status, 0, res.stderr);
    assert.match(res.stdout, new RegExp(`2024-12-02 {2}示例·申江乳业有限公司 {2}食品生产企业每日食品安全检查记录 {2}${expected.replace('.', '\\.')} {2}严重风险隐患`));

    // Print: the filled record on one A4 page.
    await page.evaluate(() => { window.print = () => {}; });
    await page.locator('[data-ck-print]').click();
    await page.evaluate(() => document.body.classList.add('ck-print-record'));
    await page.emulateMedia({ media: 'print' });
    const sheet = await page.locator('[data-ck-sheet]').innerText();
    assert.match(sheet, /检查人签字/);
    assert.match(sheet, new RegExp(`${key} 的问题`));
    const pdf = await page.pdf({ format: 'A4' });
    if (process.env.CK_PDF) fs.writeFileSync(process.env.CK_PDF, pdf);
    assert.equal(pdfPages(pdf), 1, 'a filled record prints on one page');
    await page.evaluate(() => document.body.classList.remove('ck-print-record'));
    assert.ok(pdfPages(await page.pdf({ format: 'A4' })) >= 1, 'the blank paper form prints');
    await page.emulateMedia({ media: 'screen' });

    // Reload: the record is listed and reopens with its answers.
    await page.reload();
    const row = page.locator('[data-ck-record="2024-12-02|李四"]');
    await row.waitFor({ timeout: WAIT_MS });
    assert.match(await row.innerText(), /严重风险隐患/);
    await row.locator('[data-ck-open]').click();
    assert.equal(await page.locator('#ck-date').inputValue(), '2024-12-02');
    assert.ok(await page.locator(`input[name="a-${key}"][value="fail"]`).isChecked());
    assert.equal(await page.locator(`#p-${key}`).inputValue(), `${key} 的问题`);

    // Two more days: one 零风险, one with a problem.
    await fill(page, DAILY, { date: '2024-12-03' });
    assert.match(await page.locator('[data-ck-note]').innerText(), /零风险/);
    await save(page);
    await fill(page, DAILY, { date: '2024-12-04', fails: [plain] });
    await save(page);

    // The weekly form gathers the week's problems.
    await page.goto(url(WEEKLY));
    await page.locator('[data-ck-save]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await page.fill('#ck-date', '2024-12-06');
    await page.fill('#ck-checker', '王总监');
    await page.locator('#ck-date').dispatchEvent('change');
    const entries = page.locator('[data-ck-entry]');
    await entries.first().waitFor({ timeout: WAIT_MS });
    assert.equal(await entries.count(), 3, 'two problems of 12-02 and one of 12-04');
    assert.match(await page.locator('[data-ck-zero]').innerText(), /2024-12-03/);
    assert.match(await entries.first().innerText(), /2024-12-02/);
    await page.fill('#g0-cause', '晨检漏查');
    await page.fill('#g0-fix', '增加晨检复核');
    await page.fill('#g0-owner', '赵六');
    await page.selectOption('#g0-status', 'done');
    await page.locator('input[name="risk"][value="1"]').check();
    const weekly = await form(page);
    for (const it of weekly.items) await page.locator(`input[name="a-${it.id}"][value="pass"]`).check();
    await save(page);
    await assertAxeClean(page, 'weekly form with gathered problems');

    // The monthly form gathers the weekly report, with what was done.
    await page.goto(url(MONTHLY));
    await page.locator('[data-ck-save]').waitFor({ state: 'visible', timeout: WAIT_MS });
    await page.fill('#ck-date', '2024-12-20');
    await page.locator('#ck-date').dispatchEvent('change');
    await page.locator('[data-ck-entry]').first().waitFor({ timeout: WAIT_MS });
    assert.equal(await page.locator('[data-ck-entry]').count(), 3);
    assert.equal(await page.locator('#g0-cause').inputValue(), '晨检漏查');
    assert.equal(await page.locator('#g0-status').inputValue(), 'done');

    // Export the device's records as CSV and import them in a fresh browser.
    await page.goto(url(DAILY));
    await page.locator('[data-ck-export]').waitFor({ state: 'visible', timeout: WAIT_MS });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-ck-export]').click()]);
    const file = path.join(dir, 'records.csv');
    await download.saveAs(file);
    const csv = fs.readFileSync(file, 'utf8');
    assert.ok(csv.startsWith('\uFEFF表单编号,'), 'UTF-8 with a BOM, Chinese headers');
    assert.match(csv, /food-production-weekly,每周食品安全排查治理报告,2024-12-06,王总监,[^\n]*,汇总,/);

    const fresh = await newContext('fresh', { viewport: DESKTOP });
    const other = await fresh.newPage();
    await other.goto(url(DAILY));
    await other.locator('[data-ck-import]').setInputFiles(file);
    await other.locator('[data-ck-status]').filter({ hasText: '导入了' }).waitFor({ timeout: WAIT_MS });
    assert.match(await other.locator('[data-ck-status]').innerText(), /导入了 4 条记录/);
    assert.equal(await other.locator('[data-ck-record]').count(), 3);
    await other.locator('[data-ck-record="2024-12-02|李四"] [data-ck-open]').click();
    assert.ok(await other.locator(`input[name="a-${key}"][value="fail"]`).isChecked());
    assert.equal(await other.locator(`#m-${key}`).inputValue(), `${key} 已处置`);
    assert.equal(await other.locator('[data-ck-rating]').innerText(), '严重风险隐患');
  });

  test('a form filled with the keyboard alone', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('keyboard', { viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(url('/checklists/workshop-5s/'));
    await page.locator('[data-ck-save]').waitFor({ state: 'visible', timeout: WAIT_MS });
    const c = await form(page);
    const active = () => page.evaluate(() => ({ id: document.activeElement.id, name: document.activeElement.name || '', attr: document.activeElement.hasAttribute('data-ck-save') }));
    for (let i = 0; i < 80 && (await active()).id != 'ck-enterprise'; i++) await page.keyboard.press('Tab');
    await page.keyboard.type('示例·川沙面包工坊');
    // The date field keeps the focus through its day, month and year parts.
    for (let i = 0; i < 6 && (await active()).id != 'ck-checker'; i++) await page.keyboard.press('Tab');
    assert.equal((await active()).id, 'ck-checker');
    await page.keyboard.type('张丽');
    const answered = new Set();
    for (let i = 0; i < 400 && answered.size < c.items.length; i++) {
      await page.keyboard.press('Tab');
      const a = await active();
      if (a.name.startsWith('a-') && !answered.has(a.name)) {
        await page.keyboard.press('Space');
        answered.add(a.name);
      }
    }
    assert.equal(answered.size, c.items.length, 'every item reached with Tab');
    for (let i = 0; i < 40 && !(await active()).attr; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('[data-ck-status]').filter({ hasText: '已保存' }).waitFor({ timeout: WAIT_MS });
    assert.equal(await page.locator('[data-ck-score]').innerText(), '100%');
    assert.equal(await page.locator('[data-ck-record]').count(), 1);
  });

  test('without JavaScript the form is readable and printable as a paper form', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('nojs', { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url(DAILY));
    assert.ok(await page.locator('.ck-nojs').isVisible(), 'the notice says what needs JavaScript');
    assert.ok(!(await page.locator('[data-ck-save]').isVisible()), 'no button that cannot work');
    const radios = await page.locator('.ck-item input[type="radio"]').count();
    assert.ok(radios >= 75, `${radios} radios`);
    await page.locator('.ck-item input[value="fail"]').first().check();
    assert.ok(await page.locator('.ck-item textarea').first().isVisible(), 'CSS alone opens 问题描述');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('.ck-sign').isVisible(), 'signature lines on paper');
  });

  test('the duty-rate page of the sample records', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('duty', { viewport: PHONE });
    const page = await context.newPage();
    await page.goto(url('/results/self-checks/'));
    assert.match(await page.locator('[data-duty="districts"]').innerText(), /全市/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `page is ${width}px wide`);
    await assertAxeClean(page, 'duty-rate page');
  });

  test('nothing is requested outside 127.0.0.1', () => {
    for (const g of guards) assert.deepEqual(g.outside, [], `${g.label}: ${g.outside.join(', ')}`);
  });
});
