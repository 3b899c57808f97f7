// Full-text search in a real Chromium, through Pagefind's own JS API, on a temp copy of the sample
// site built with `shian build` (which writes one Pagefind index per edition) and served by a plain
// static file server (no shian at run time):
//  - recall: for Chinese domain queries, the pages that are clearly about the term (chosen by reading
//    content/) must be among the first 10 results; the test prints the misses and fails below 0.95;
//  - the filters exist (kind: lesson, case, question, data; region) and a kind filter narrows results;
//  - the archived 2023 edition has its own index, answering with /editions/2023/… URLs only;
//  - nothing is requested from anywhere but 127.0.0.1.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  TEST_TIMEOUT_MS,
  WAIT_MS,
  closeAllBrowsers,
  copySampleSite,
  guardRequests,
  launchBrowser,
  removeTempDirs,
  runShian,
  startStaticServer,
  stopAllStaticServers,
} from './helpers.mjs';

const BUILD_TIMEOUT_MS = 60_000;
const TOP_N = 10;
const MIN_RECALL = 0.95;

// query → the root-relative URLs it must find in its first 10 results (1–3 pages that are clearly
// about the term: its lesson, case, programme, bank or data page).
const QUERIES = [
  ['日管控', ['/courses/main-responsibility/daily-weekly-monthly/', '/programmes/daily-weekly-monthly/', '/cases/daily-weekly-monthly-jiading/']],
  ['周排查', ['/courses/main-responsibility/daily-weekly-monthly/', '/programmes/daily-weekly-monthly/', '/cases/daily-weekly-monthly-jiading/']],
  ['月调度', ['/courses/main-responsibility/daily-weekly-monthly/', '/programmes/daily-weekly-monthly/', '/cases/daily-weekly-monthly-jiading/']],
  ['零风险报告', ['/courses/main-responsibility/daily-weekly-monthly/', '/programmes/daily-weekly-monthly/']],
  ['履职率', ['/programmes/qianqi-wanfang/', '/data/indicators/', '/cases/daily-weekly-monthly-jiading/']],
  ['追溯二维码', ['/courses/traceability/qr-code/', '/cases/qr-coding-baoshan/']],
  ['赋码率', ['/courses/traceability/qr-code/', '/cases/qr-coding-baoshan/']],
  ['一品一码', ['/courses/traceability/qr-code/']],
  ['一罐一码', ['/cases/infant-formula-one-can-one-code/', '/courses/traceability/qr-code/']],
  ['婴幼儿配方乳粉', ['/cases/infant-formula-one-can-one-code/']],
  ['进货查验', ['/courses/traceability/purchase-check/', '/cases/bakery-purchase-ledger/']],
  ['三本账', ['/courses/traceability/purchase-check/']],
  ['出厂检验', ['/courses/traceability/purchase-check/', '/cases/bottled-water-upgrade/']],
  ['召回', ['/courses/traceability/recall/', '/banks/knowledge/traceability/']],
  ['模拟召回', ['/courses/traceability/recall/', '/cases/infant-formula-one-can-one-code/']],
  ['不合格食品', ['/courses/traceability/nonconforming/', '/courses/traceability/']],
  ['监督抽检', ['/courses/traceability/nonconforming/']],
  ['复检', ['/courses/traceability/nonconforming/']],
  ['健康证明', ['/banks/duties/officer/', '/guide/checklist/']],
  ['食品安全总监', ['/courses/main-responsibility/director-and-officer/', '/banks/duties/director/']],
  ['食品安全员', ['/courses/main-responsibility/director-and-officer/', '/banks/duties/officer/']],
  ['食品安全管理人员', ['/courses/main-responsibility/director-and-officer/', '/courses/main-responsibility/assessment/']],
  ['主体责任', ['/courses/main-responsibility/legal-duties/', '/courses/main-responsibility/']],
  ['风险管控清单', ['/courses/main-responsibility/risk-list/', '/banks/duties/daily-weekly-monthly/']],
  ['抽查考核', ['/courses/main-responsibility/assessment/', '/banks/law/supervision/']],
  ['合格线', ['/courses/main-responsibility/assessment/']],
  ['90%', ['/courses/main-responsibility/assessment/', '/data/indicators/']],
  ['模拟考试', ['/guide/reading/', '/courses/main-responsibility/assessment/']],
  ['HACCP', ['/courses/haccp/overview/', '/courses/haccp/', '/banks/knowledge/haccp/']],
  ['haccp', ['/courses/haccp/overview/']],
  ['七个原理', ['/courses/haccp/principles/']],
  ['危害分析', ['/courses/haccp/hazard-analysis/']],
  ['判断树', ['/courses/haccp/hazard-analysis/']],
  ['关键控制点', ['/courses/haccp/principles/', '/courses/haccp/hazard-analysis/', '/courses/haccp/bottled-water-example/']],
  ['关键限值', ['/courses/haccp/principles/', '/banks/knowledge/haccp/']],
  ['纠偏措施', ['/courses/haccp/principles/']],
  ['烘焙', ['/courses/haccp/bakery-example/', '/cases/bakery-upgrade-minhang/']],
  ['桶装饮用水', ['/courses/haccp/bottled-water-example/', '/cases/bottled-water-upgrade/']],
  ['空桶 清洗消毒', ['/cases/bottled-water-upgrade/', '/courses/haccp/bottled-water-example/']],
  ['臭氧', ['/courses/haccp/bottled-water-example/']],
  ['5S', ['/courses/workshop-5s/', '/cases/workshop-5s-soy/', '/banks/knowledge/hygiene-5s/']],
  ['5s', ['/courses/workshop-5s/']],
  ['整理', ['/courses/workshop-5s/sort-and-set/']],
  ['整顿', ['/courses/workshop-5s/sort-and-set/']],
  ['素养', ['/courses/workshop-5s/sustain/']],
  ['红牌', ['/courses/workshop-5s/sort-and-set/']],
  ['形迹管理', ['/courses/workshop-5s/sort-and-set/']],
  ['评分表', ['/courses/workshop-5s/sustain/']],
  ['交叉污染', ['/courses/workshop-5s/sort-and-set/']],
  ['颜色 交叉污染', ['/courses/workshop-5s/sort-and-set/']],
  ['小作坊', ['/courses/workshop-5s/workshop-rules/', '/courses/workshop-5s/', '/programmes/qianqi-wanfang/']],
  ['千企万坊', ['/programmes/qianqi-wanfang/', '/cases/workshop-5s-soy/']],
  ['提档升级', ['/programmes/upgrade/', '/cases/bakery-upgrade-minhang/']],
  ['承诺书', ['/programmes/upgrade/', '/cases/bakery-upgrade-minhang/']],
  ['培训率', ['/programmes/upgrade/', '/cases/bakery-upgrade-minhang/', '/data/indicators/']],
  ['首次通过率', ['/programmes/upgrade/', '/cases/bakery-upgrade-minhang/']],
  ['结对帮扶', ['/programmes/pairing/', '/cases/bakery-purchase-ledger/', '/data/pairings/']],
  ['大企带小企', ['/programmes/pairing/', '/data/pairings/']],
  ['企业名录', ['/data/enterprises/']],
  ['培训记录', ['/data/trainings/']],
  ['进度表', ['/data/progress/']],
  ['食品安全法', ['/laws/food-safety-law/', '/banks/law/food-safety-law/']],
  ['第五十条', ['/laws/food-safety-law/', '/courses/traceability/purchase-check/']],
];

let site;
let publicDir;
let server;
let browser;
let context;
let outside;

/** Rejects after `ms` with a message naming what was awaited. */
function bounded(promise, what, ms = WAIT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A page of the served site with Pagefind loaded from `indexHref` as window.__pf. With `baseUrl`, it
 * is passed to pf.options() first: the engine writes result URLs root-relative to the site, while
 * Pagefind by default prefixes them with the folder above its bundle (for /editions/2023/pagefind/
 * that is /editions/2023/), so a consumer of an archived index sets baseUrl to the site root, as the
 * theme's search.js does.
 */
async function pagefindPage(indexHref, baseUrl) {
  const page = await context.newPage();
  await page.goto(new URL('/', server.url).href, { timeout: WAIT_MS });
  await bounded(
    page.evaluate(
      async ({ href, baseUrl }) => {
        window.__pf = await import(`${href}pagefind.js`);
        if (baseUrl) await window.__pf.options({ baseUrl });
        await window.__pf.init();
      },
      { href: indexHref, baseUrl },
    ),
    `loading ${indexHref}pagefind.js`,
  );
  return page;
}

/** The built file a root-relative result URL points to, or null when there is none. */
function builtFile(url) {
  const rel = decodeURI(url.split(/[?#]/)[0]).replace(/^\//, '');
  const file = path.join(publicDir, rel, rel === '' || rel.endsWith('/') ? 'index.html' : '');
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

/** Every result URL of a query, best first (through Pagefind's JS API in the page). */
function searchUrls(page, q, options) {
  return bounded(
    page.evaluate(
      async ({ q, options }) => {
        const r = await window.__pf.search(q, options);
        const data = await Promise.all(r.results.map((x) => x.data()));
        return data.map((d) => d.url);
      },
      { q, options },
    ),
    `search "${q}"`,
  );
}

before(async () => {
  site = copySampleSite();
  publicDir = path.join(path.dirname(site), 'public');
  const res = runShian(['build', '--root', site, '--out', publicDir], { timeoutMs: BUILD_TIMEOUT_MS });
  assert.equal(res.status, 0, `shian build failed\n${res.stdout}\n${res.stderr}`);
  for (const index of ['pagefind/pagefind.js', 'editions/2023/pagefind/pagefind.js']) {
    assert.ok(fs.existsSync(path.join(publicDir, index)), `the build wrote ${index}`);
  }
  server = await startStaticServer(publicDir);
  browser = await launchBrowser();
  context = await browser.newContext();
  outside = guardRequests(context);
});

after(async () => {
  await stopAllStaticServers();
  await closeAllBrowsers();
  removeTempDirs();
});

describe('search through Pagefind in a browser', { timeout: TEST_TIMEOUT_MS }, () => {
  test(`recall of ${QUERIES.length} Chinese domain queries is at least ${MIN_RECALL}`, async () => {
    assert.ok(QUERIES.length >= 42, 'at least 42 queries');
    const page = await pagefindPage('/pagefind/');
    let found = 0;
    let expected = 0;
    const misses = [];
    const seen = new Set();
    for (const [q, urls] of QUERIES) {
      const got = await searchUrls(page, q);
      got.forEach((u) => seen.add(u));
      const top = got.slice(0, TOP_N);
      for (const url of urls) {
        expected += 1;
        if (top.includes(url)) {
          found += 1;
        } else {
          const rank = got.indexOf(url);
          misses.push({
            query: q,
            expected: url,
            rank: rank < 0 ? 'not found' : rank + 1,
            results: got.length,
            top3: top.slice(0, 3).join(' '),
          });
        }
      }
    }
    await page.close();
    const dangling = [...seen].filter((u) => !builtFile(u));
    assert.deepEqual(dangling, [], 'every result URL is a page of the built site');
    const recall = found / expected;
    if (misses.length) {
      console.log(`search misses (expected page not in the first ${TOP_N} results):`);
      console.table(misses);
    }
    console.log(`search recall: ${recall.toFixed(2)} (${found}/${expected})`);
    assert.ok(
      recall >= MIN_RECALL,
      `search recall ${recall.toFixed(3)} (${found}/${expected}) is below ${MIN_RECALL}; misses:\n` +
        misses.map((m) => `  ${m.query} → ${m.expected} (rank ${m.rank})`).join('\n'),
    );
  });

  test('filters exist and a kind filter narrows the results', async () => {
    const page = await pagefindPage('/pagefind/');
    const filters = await bounded(page.evaluate(() => window.__pf.filters()), 'pf.filters()');
    assert.ok(filters.kind, `a "kind" filter exists (filters: ${JSON.stringify(Object.keys(filters))})`);
    for (const kind of ['lesson', 'case', 'question', 'data']) {
      assert.ok(filters.kind[kind] > 0, `kind "${kind}" has pages (kind: ${JSON.stringify(filters.kind)})`);
    }
    assert.ok(filters.region && Object.keys(filters.region).length > 0, `a "region" filter with values (${JSON.stringify(filters.region)})`);

    const all = await searchUrls(page, '结对帮扶');
    const cases = await searchUrls(page, '结对帮扶', { filters: { kind: 'case' } });
    assert.ok(cases.length > 0, 'kind=case still finds cases about 结对帮扶');
    assert.ok(cases.includes('/cases/bakery-purchase-ledger/'), `kind=case finds the pairing case (got ${cases.join(' ')})`);
    const notCases = cases.filter((u) => !/^\/cases\/[^/]+\//.test(u));
    assert.deepEqual(notCases, [], 'kind=case returns only case pages');
    assert.ok(all.some((u) => !u.startsWith('/cases/')), 'without the filter, other kinds are found too');
    assert.ok(cases.length < all.length, `the filter narrows (${cases.length} of ${all.length})`);

    const lessons = await searchUrls(page, '召回', { filters: { kind: 'lesson' } });
    assert.ok(lessons.includes('/courses/traceability/recall/'), 'kind=lesson finds the recall lesson');
    assert.deepEqual(lessons.filter((u) => !u.startsWith('/courses/')), [], 'kind=lesson returns only course pages');
    await page.close();
  });

  test('the archived 2023 edition has its own index with /editions/2023/ URLs only', async () => {
    const page = await pagefindPage('/editions/2023/pagefind/', '/');
    for (const q of ['风险管控清单', '召回', 'HACCP']) {
      const urls = await searchUrls(page, q);
      assert.ok(urls.length > 0, `the 2023 index answers "${q}"`);
      assert.deepEqual(
        urls.filter((u) => !u.startsWith('/editions/2023/') || u.startsWith('/editions/2023/editions/')),
        [],
        `the 2023 index answers "${q}" with /editions/2023/… URLs only`,
      );
      assert.deepEqual(urls.filter((u) => !builtFile(u)), [], `every 2023 result of "${q}" is a built page`);
    }
    const urls = await searchUrls(page, '风险管控清单');
    assert.ok(
      urls.slice(0, TOP_N).includes('/editions/2023/courses/main-responsibility/risk-list/'),
      `the 2023 risk-list lesson is found (got ${urls.slice(0, TOP_N).join(' ')})`,
    );
    await page.close();
  });

  test('the search page finds, filters, and the header box leads to it', async () => {
    const page = await context.newPage();
    await page.goto(new URL('/courses/', server.url).href);
    await page.locator('#site-search-q').fill('一罐一码');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=/, { timeout: 30_000 });
    await page.locator('[data-search-results] li[data-search-result]').first().waitFor({ timeout: 30_000 });
    const hrefs = await page.locator('[data-search-results] li[data-search-result] a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    assert.ok(hrefs.includes('/cases/infant-formula-one-can-one-code/'), `results: ${hrefs.join(', ')}`);
    assert.match(await page.locator('[data-search-count]').innerText(), /\d/);
    await page.locator('[data-search-filter="kind"]').selectOption('case');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-search-results] li[data-search-result] a')].every((a) => new URL(a.href).pathname.startsWith('/cases/')), null, { timeout: 30_000 });
    await page.close();
  });

  test('no request leaves 127.0.0.1', () => {
    assert.deepEqual(outside, [], 'every request went to the local static server');
  });
});
