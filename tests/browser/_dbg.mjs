import { launchBrowser, copySampleSite, startServe, closeAllBrowsers, stopAllServers, removeTempDirs } from './helpers.mjs';
const b = await launchBrowser();
const site = copySampleSite(); const s = await startServe(site);
const ctx = await b.newContext({ viewport: { width: 360, height: 640 } });
const p = await ctx.newPage();
await p.goto(s.url + 'exams/samr-mock/?seed=424242');
await p.locator('[data-collect="姓名"]').fill('张三'); await p.locator('[data-collect="企业"]').fill('示例·申江乳业有限公司');
await p.locator('[data-start]').click();
await p.locator('[data-submit]').click();
const c = p.locator('[data-confirm] button').first(); if (await c.isVisible()) { console.log(await p.locator('[data-confirm]').innerText()); }
await p.getByText('仍然交卷').click();
await p.locator('[data-result-code]').waitFor({ state: 'visible', timeout: 30000 });
await p.emulateMedia({ media: 'print' });
await p.setViewportSize({ width: 673, height: 900 });
const hs = await p.evaluate(() => Array.from(document.querySelectorAll('body *')).filter(e => e.offsetParent !== null && e.children.length < 50 && e.getBoundingClientRect().height > 40).slice(0, 40).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().top) + '+' + Math.round(e.getBoundingClientRect().height)));
console.log(hs.join('\n'));
await p.screenshot({ path: '/tmp/print.png', fullPage: true });
await closeAllBrowsers(); await stopAllServers(); removeTempDirs();
