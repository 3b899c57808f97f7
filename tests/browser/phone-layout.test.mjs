// Every kind of page of the sample site on a 360x640 phone (isMobile, hasTouch), served by
// `shian serve` from a temp copy: the page never scrolls sideways and nothing sticks out of the
// screen except inside a scroll box of its own (a labelled .table-scroll, a pre, the header's
// navigation row; a Markdown table sits in a .table-scroll); the h1 is on the first screen under a compact header and a
// one-line edition bar; every chart's labels lie inside the chart at a readable size; wide tables
// either fit or are shown as stacked rows whose labels are their column headers; the navigation row
// scrolls and the keyboard reaches its last link. The same pages on a desktop keep the search box and
// the wrapped navigation, and axe-core finds nothing serious on the phone layouts.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TEST_TIMEOUT_MS,
  WAIT_MS,
  addAxe,
  closeAllBrowsers,
  copySampleSite,
  guardRequests,
  launchBrowser,
  removeTempDirs,
  startServe,
  stopAllServers,
} from './helpers.mjs';

const PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1280, height: 800 };
/** The smallest chart text, in CSS px, that still reads on a phone. */
const MIN_CHART_PX = 11;

/** One page of every kind; the taxonomy term and quiz category are found from links at run time. */
const PAGES = [
  ['home', '/'],
  ['section', '/guide/'],
  ['course index', '/courses/'],
  ['course', '/courses/haccp/'],
  ['lesson', '/courses/haccp/overview/'],
  ['lesson with a wide Markdown table', '/courses/haccp/bakery-example/'],
  ['print page', '/courses/haccp/print/'],
  ['glossary', '/glossary/'],
  ['law', '/laws/food-safety-law/'],
  ['case list', '/cases/'],
  ['case', '/cases/bakery-upgrade-minhang/'],
  ['checklist list', '/checklists/'],
  ['checklist', '/checklists/workshop-5s/'],
  ['weekly checklist', '/checklists/food-production-weekly/'],
  ['bank', '/banks/knowledge/haccp/'],
  ['practice', '/banks/knowledge/haccp/practice/'],
  ['quiz hub', '/quiz/'],
  ['wrong-answer book', '/quiz/wrong/'],
  ['exam', '/exams/samr-mock/'],
  ['results index', '/results/'],
  ['exam results', '/results/samr-mock/'],
  ['self-check results', '/results/self-checks/'],
  ['verify', '/verify/'],
  ['data index', '/data/'],
  ['pairings', '/data/pairings/'],
  ['progress', '/data/progress/'],
  ['indicators', '/data/indicators/'],
  ['trainings', '/data/trainings/'],
  ['enterprises', '/data/enterprises/'],
  ['editions', '/editions/'],
  ['changes', '/editions/2024/changes/'],
  ['archived lesson', '/editions/2023/courses/haccp/overview/'],
  ['search', '/search/'],
  ['404', '/no-such-page/'],
];

let browser;
let server;
/** [label, path] of every page checked: PAGES plus the ones found from links. */
let pages = [];
const guards = [];

async function newContext(label, options) {
  const context = await browser.newContext(options);
  guards.push({ label, outside: guardRequests(context) });
  // Live reload is tested on its own: here its script is answered with an empty one, so that a stray
  // rebuild cannot reload a page in the middle of a check.
  await context.route('**/__shian/livereload.js', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* live reload off */' }),
  );
  return context;
}

const phoneContext = (label, extra = {}) =>
  newContext(label, { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, ...extra });

async function open(page, path) {
  const res = await page.goto(new URL(path, server.url).href, { waitUntil: 'load', timeout: WAIT_MS });
  assert.ok(res, `${path}: navigation answered`);
  assert.equal(res.status(), path === '/no-such-page/' ? 404 : 200, `${path}: status`);
  // An editioned page: wait (bounded) for editions.js to turn the link into the switcher, so that the
  // bar is measured as readers with JavaScript see it.
  if (await page.locator('[data-edition-switch]').count()) {
    await page.locator('[data-edition-form]').waitFor({ timeout: WAIT_MS });
  }
}

/** Everything about the layout that the phone checks assert, measured in the page. */
function measure(minChartPx) {
  const vw = window.innerWidth;
  const name = (el) =>
    el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  // Boxes that scroll sideways by themselves; what is inside them may be wider than the screen.
  const scroller = '.table-scroll, pre, .site-nav ul';
  const sticking = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.parentElement?.closest(scroller)) continue;
    if (r.left < -1 || r.right > vw + 1 || r.width > vw + 1) sticking.push(`${name(el)} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
  }
  // Every table of the text (Markdown) is in a labelled, focusable box of its own.
  for (const t of document.querySelectorAll('.prose table')) {
    const box = t.closest('.table-scroll');
    if (!box) { sticking.push(`${name(t)} outside a .table-scroll`); continue; }
    if (box.getAttribute('role') !== 'region' || !(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby')) || box.tabIndex < 0) {
      sticking.push(`${name(t)} in a .table-scroll that is not a labelled, focusable region`);
    }
  }
  // The scroll boxes themselves fit the screen.
  for (const el of document.querySelectorAll(scroller)) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.left < -1 || r.right > vw + 1)) sticking.push(`scroll box ${name(el)} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
  }
  const h1 = document.querySelector('h1');
  const h1Box = h1 && h1.getBoundingClientRect();
  // The print page is a document of its own, without the site header.
  const header = document.querySelector('.site-header');
  const bar = document.querySelector('.edition-bar');
  const charts = [...document.querySelectorAll('svg.chart')].map((svg, i) => {
    const box = svg.getBoundingClientRect();
    const scale = svg.getScreenCTM().a; // CSS px per user unit
    const outside = [];
    let smallest = Infinity;
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      smallest = Math.min(smallest, px);
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        outside.push(`"${t.textContent}" [${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of ${Math.round(box.width)}]`);
      }
    }
    return { i, width: box.width, left: box.left, right: box.right, outside, smallest, tooSmall: smallest < minChartPx };
  });
  return {
    vw,
    scrollWidth: document.documentElement.scrollWidth,
    sticking: sticking.slice(0, 8),
    h1: h1Box && { top: h1Box.top, bottom: h1Box.bottom },
    header: header ? header.getBoundingClientRect().height : 0,
    bar: bar ? bar.getBoundingClientRect().height : 0,
    charts,
  };
}

describe('every kind of page on a 360 px phone', { timeout: 8 * TEST_TIMEOUT_MS }, () => {
  before(async () => {
    server = await startServe(copySampleSite());
    browser = await launchBrowser();
    // The pages named by hash: a case's region (a taxonomy term page) and a quiz hub category.
    const context = await newContext('discover', { viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await open(page, '/cases/bakery-upgrade-minhang/');
    const term = await page.locator('.case-facts a[href*="/cases/region/"]').first().getAttribute('href');
    await open(page, '/quiz/');
    const category = await page.locator('main a[href*="/quiz/category/"]').first().getAttribute('href');
    await context.close();
    assert.ok(term && category, `found a term page (${term}) and a quiz category (${category})`);
    pages = [...PAGES, ['taxonomy term', new URL(term, server.url).pathname], ['quiz category', new URL(category, server.url).pathname]];
  });

  after(async () => {
    await closeAllBrowsers();
    if (server) await server.stop();
    await stopAllServers();
    removeTempDirs();
  });

  test('no page scrolls sideways, the h1 is on the first screen, charts stay inside and readable', { timeout: 4 * TEST_TIMEOUT_MS }, async () => {
    const context = await phoneContext('phone');
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const problems = [];
    let charts = 0;
    for (const [label, path] of pages) {
      await open(page, path);
      const m = await page.evaluate(measure, MIN_CHART_PX);
      const where = `${label} (${path})`;
      assert.equal(m.vw, PHONE.width, `${where}: the layout viewport is 360 px wide`);
      if (m.scrollWidth > m.vw) problems.push(`${where}: the page is ${m.scrollWidth}px wide`);
      if (m.sticking.length) problems.push(`${where}: outside the screen: ${m.sticking.join(', ')}`);
      if (!m.h1) problems.push(`${where}: no h1`);
      else if (m.h1.top >= PHONE.height) problems.push(`${where}: the h1 starts at ${Math.round(m.h1.top)}px, below the first screen`);
      // Header and edition bar together: at most a quarter of the first screen (they took 35%).
      if (m.header + m.bar > PHONE.height / 4) problems.push(`${where}: header ${Math.round(m.header)}px + edition bar ${Math.round(m.bar)}px`);
      if (m.bar > 56) problems.push(`${where}: the edition bar is ${Math.round(m.bar)}px high, more than one line`);
      for (const c of m.charts) {
        charts++;
        if (c.left < -1 || c.right > m.vw + 1) problems.push(`${where}: chart ${c.i} spans ${Math.round(c.left)}..${Math.round(c.right)}`);
        if (c.outside.length) problems.push(`${where}: chart ${c.i} labels outside it: ${c.outside.join(', ')}`);
        if (c.tooSmall) problems.push(`${where}: chart ${c.i} has text at ${c.smallest.toFixed(1)}px`);
      }
    }
    assert.ok(charts >= 12, `the data, results and case pages drew their charts (${charts})`);
    assert.deepEqual(problems, [], 'every page fits the phone');
    await context.close();
  });

  test('the header is one title line and one navigation row, with 错题本 and a search link', { timeout: TEST_TIMEOUT_MS }, async () => {
    const context = await phoneContext('phone-header');
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await open(page, '/data/');
    const h = await page.evaluate(() => {
      const title = document.querySelector('.site-title');
      const items = [...document.querySelectorAll('.site-nav li')];
      const ul = document.querySelector('.site-nav ul');
      const lineHeight = parseFloat(getComputedStyle(title).lineHeight);
      return {
        titleLines: Math.round((title.getBoundingClientRect().height - parseFloat(getComputedStyle(title).paddingTop) * 2) / lineHeight),
        tops: [...new Set(items.map((li) => Math.round(li.getBoundingClientRect().top)))],
        links: items.map((li) => ({ text: li.textContent.trim(), href: li.querySelector('a').getAttribute('href') })),
        scrolls: ul.scrollWidth > ul.clientWidth && ['auto', 'scroll'].includes(getComputedStyle(ul).overflowX),
        searchLink: (() => {
          const a = document.querySelector('.site-search-link');
          return a ? { href: a.getAttribute('href'), shown: a.getBoundingClientRect().width > 0 } : null;
        })(),
        formShown: document.querySelector('.site-search')?.getBoundingClientRect().width > 0,
      };
    });
    assert.equal(h.titleLines, 1, 'the site title keeps to one line');
    assert.equal(h.tops.length, 1, `the navigation is one row (tops ${h.tops.join(', ')})`);
    assert.ok(h.scrolls, 'the navigation row scrolls sideways');
    const wrong = h.links.find((l) => l.text === '错题本');
    assert.ok(wrong, `the navigation has 错题本 (${h.links.map((l) => l.text).join(' ')})`);
    assert.match(wrong.href, /(^|\/)quiz\/wrong\/$/, '错题本 links to quiz/wrong/');
    const hub = h.links.findIndex((l) => l.text === '题库与练习');
    assert.equal(h.links.indexOf(wrong), hub + 1, '错题本 comes right after 题库与练习');
    assert.ok(h.searchLink?.shown, 'a search link is shown on the phone');
    assert.match(h.searchLink.href, /(^|\/)search\/$/);
    assert.ok(!h.formShown, 'the header search form gives way to the link');

    // The keyboard reaches the last navigation link, and the row scrolls to show it.
    await page.locator('.site-search-link').focus();
    let last = null;
    for (let i = 0; i < 20 && !last; i++) {
      await page.keyboard.press('Tab');
      last = await page.evaluate(() => {
        const a = document.activeElement;
        const links = [...document.querySelectorAll('.site-nav a')];
        if (a !== links[links.length - 1]) return null;
        const r = a.getBoundingClientRect();
        return { left: r.left, right: r.right };
      });
    }
    assert.ok(last, 'Tab reaches the last navigation link');
    // The row scrolls asynchronously when smooth scrolling is on: wait for the link to be in view.
    await page.waitForFunction(
      () => {
        const links = [...document.querySelectorAll('.site-nav a')];
        const r = links[links.length - 1].getBoundingClientRect();
        return r.left >= 0 && r.right <= window.innerWidth;
      },
      null,
      { timeout: WAIT_MS },
    );

    // The search link opens the search page with its own form.
    await page.locator('.site-search-link').click();
    await page.waitForURL(/\/search\/$/, { timeout: WAIT_MS });
    assert.ok(await page.locator('main form input[type="search"]').first().isVisible(), 'the search page has its form');
    await context.close();
  });

  test('wide tables show stacked rows labelled by their column headers, or fit', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const context = await phoneContext('phone-tables');
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const stackedPages = ['/data/pairings/', '/data/progress/', '/data/trainings/', '/data/enterprises/', '/cases/bakery-upgrade-minhang/', '/results/samr-mock/', '/results/self-checks/'];
    let stacked = 0;
    for (const path of [...stackedPages, '/data/indicators/', '/results/']) {
      await open(page, path);
      const t = await page.evaluate(() =>
        [...document.querySelectorAll('.table-scroll')].map((box) => {
          const table = box.querySelector('table');
          const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
          const labelled = document.getElementById(box.getAttribute('aria-labelledby') || '');
          const rows = [...table.querySelectorAll('tbody tr')];
          const mismatched = [];
          for (const tr of rows) {
            [...tr.cells].forEach((cell, i) => {
              if (cell.matches('th[scope="row"]')) return;
              const shown = getComputedStyle(cell, '::before').content;
              if (table.classList.contains('table-stack') && cell.textContent.trim() && shown !== JSON.stringify(heads[i])) {
                mismatched.push(`${heads[i]} / ${shown}`);
              }
            });
          }
          const first = rows[0]?.getBoundingClientRect();
          return {
            stack: table.classList.contains('table-stack'),
            region: box.getAttribute('role') === 'region' && box.tabIndex === 0 && !!labelled,
            fits: box.scrollWidth <= box.clientWidth + 1,
            rowDisplay: rows[0] ? getComputedStyle(rows[0]).display : '',
            headHidden: table.tHead ? table.tHead.getBoundingClientRect().height <= 1 : true,
            rowWidth: first ? first.width : 0,
            boxWidth: box.clientWidth,
            mismatched: mismatched.slice(0, 3),
          };
        }),
      );
      assert.ok(t.length > 0, `${path}: has data tables`);
      for (const [i, x] of t.entries()) {
        const where = `${path} table ${i + 1}`;
        assert.ok(x.region, `${where}: in a labelled, focusable region`);
        assert.ok(x.fits, `${where}: fits the phone (no sideways scrolling needed)`);
        if (x.stack) {
          stacked++;
          assert.equal(x.rowDisplay, 'flex', `${where}: each row is a block of its own`);
          assert.ok(x.headHidden, `${where}: the column headers are only for screen readers`);
          assert.ok(x.rowWidth <= x.boxWidth + 1, `${where}: a row is as wide as the box`);
          assert.deepEqual(x.mismatched, [], `${where}: each cell is labelled with its column header`);
        }
      }
    }
    assert.ok(stacked >= 10, `the wide tables are stacked (${stacked})`);

    await context.close();
  });

  test('axe-core finds nothing serious on the phone layouts', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const context = await phoneContext('phone-axe');
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    for (const path of ['/courses/haccp/overview/', '/data/pairings/', '/data/progress/', '/data/indicators/', '/results/self-checks/', '/cases/bakery-upgrade-minhang/']) {
      await open(page, path);
      await addAxe(page);
      const results = await page.evaluate(() => window.axe.run(document));
      const bad = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
      assert.deepEqual(bad, [], `${path}: axe-core violations`);
    }
    await context.close();
  });

  test('on a desktop the same pages keep the search box and the wrapped navigation', { timeout: 2 * TEST_TIMEOUT_MS }, async () => {
    const context = await newContext('desktop', { viewport: DESKTOP });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const problems = [];
    for (const [label, path] of pages) {
      await open(page, path);
      const d = await page.evaluate(() => {
        const ul = document.querySelector('.site-nav ul');
        const charts = [...document.querySelectorAll('svg.chart')].map((s) => s.getBoundingClientRect().width);
        const stacks = [...document.querySelectorAll('.table-stack')].map((t) => getComputedStyle(t).display);
        return {
          scrollWidth: document.documentElement.scrollWidth,
          vw: window.innerWidth,
          form: !!document.querySelector('.site-search') && document.querySelector('.site-search').getBoundingClientRect().width > 0,
          hasForm: !!document.querySelector('.site-search'),
          link: document.querySelector('.site-search-link')?.getBoundingClientRect().width || 0,
          navScrolls: ul ? ul.scrollWidth > ul.clientWidth : false,
          charts,
          stacks,
        };
      });
      const where = `${label} (${path})`;
      if (d.scrollWidth > d.vw) problems.push(`${where}: ${d.scrollWidth}px wide`);
      if (d.hasForm && !d.form) problems.push(`${where}: the header search form is hidden`);
      if (d.link > 0) problems.push(`${where}: the phone's search link shows`);
      if (d.navScrolls) problems.push(`${where}: the navigation scrolls`);
      for (const w of d.charts) if (w > 30 * 16 + 1 || w < 300) problems.push(`${where}: a chart is ${w}px wide`);
      for (const s of d.stacks) if (s !== 'table') problems.push(`${where}: a stacked table shows as ${s}`);
    }
    assert.deepEqual(problems, [], 'every page fits the desktop');
    await context.close();
  });

  test('no request leaves 127.0.0.1', () => {
    for (const g of guards) assert.deepEqual(g.outside, [], `${g.label}: requests outside 127.0.0.1`);
  });
});
