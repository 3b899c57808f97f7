#!/usr/bin/env node
// The sample site's self-check codes (data/checks/): November 2024 records of four sample enterprises,
// written by the form page's own encoder (checklist-data.js) from the checklists of a build, one code
// per line. Deterministic: the same build gives the same codes.
// Usage: shian build --out /tmp/site --no-search && node scripts/sample-checks.mjs /tmp/site > codes.txt
//        shian quiz grade codes.txt --data
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const site = process.argv[2];
if (!site) { console.error('usage: node scripts/sample-checks.mjs BUILD_DIR'); process.exit(2); }
const box = { window: {} };
for (const f of ['codes.js', 'checklist-data.js']) vm.runInNewContext(fs.readFileSync(path.join(root, 'themes/default/static/assets', f), 'utf8'), box);
const D = box.window.shianChecklist;
function form(id) {
  const html = fs.readFileSync(path.join(site, 'checklists', id, 'index.html'), 'utf8');
  return JSON.parse(/<script type="application\/json" data-checklist>(.*?)<\/script>/s.exec(html)[1]);
}
let seed = 20241101;
function rand() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
function pad(n) { return (n < 10 ? '0' : '') + n; }
function record(c, date, enterprise, checker, failRate, extra = {}) {
  const answers = {};
  for (const it of c.items) {
    const x = rand();
    answers[it.id] = x < failRate * (it.key ? 0.3 : 1) ? 'fail' : x > 0.95 ? 'na' : 'pass';
  }
  return D.code(c, { date, enterprise, checker, answers, risk: -1, gathered: [], ...extra });
}
const daily = form('food-production-daily'), weekly = form('food-production-weekly'), monthly = form('food-production-monthly'), s5 = form('workshop-5s');
const people = [
  ['示例·申江乳业有限公司', '王敏', 0, 0.02],
  ['示例·淞滨肉类食品有限公司', '陈刚', 4, 0.05],
  ['示例·东滩婴幼儿营养品有限公司', '刘洋', 8, 0.03],
];
const out = [];
for (const [name, who, skip, rate] of people) {
  const missing = new Set(Array.from({ length: skip }, (_, i) => 3 + i * 3));
  for (let d = 1; d <= 30; d++) {
    if (!missing.has(d)) out.push(record(daily, `2024-11-${pad(d)}`, name, who, rate));
  }
  // 周排查 on Fridays (2024-11-01 was a Friday), the last week skipped by the second enterprise.
  for (const d of [1, 8, 15, 22, 29]) {
    if (skip && d == 29) continue;
    const gathered = Math.floor(rand() * 3);
    out.push(record(weekly, `2024-11-${pad(d)}`, name, '总监', rate, { risk: gathered ? 1 : 0, gathered: Array.from({ length: gathered }, (_, i) => ({ status: i ? 'doing' : 'done' })) }));
  }
  if (!skip || skip < 8) out.push(record(monthly, '2024-11-29', name, '总经理', rate, { risk: 0 }));
}
for (let d = 1; d <= 30; d++) {
  if (d % 7 != 3) out.push(record(s5, `2024-11-${pad(d)}`, '示例·川沙面包工坊', '张丽', 0.08));
}
console.log(out.join('\n'));
