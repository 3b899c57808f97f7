#!/usr/bin/env node
// Lengths of result codes as the exam page writes them (themes/default/static/assets/codes.js), for
// docs/benchmarks.md ("Result code length"). Usage: node scripts/code-length.mjs
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const box = { window: {} };
vm.runInNewContext(fs.readFileSync(path.join(root, 'themes/default/static/assets/codes.js'), 'utf8'), box);
const C = box.window.shianCode;
const answers = (n) => Array.from({ length: n }, (_, i) => 1 << (i % 4));
const base = {
  quiz: 'samr-mock', edition: '2024', hash: '0123456789abcdef', seed: 4_000_000_000,
  started: 1_733_100_000_000, ended: 1_733_101_432_000, leaves: 2,
  collected: ['张三', '示例·申江乳业有限公司'], answers: answers(35),
};
const cases = [
  ['35 questions, the sample fields', base],
  ['35 questions, longest fields, every option chosen', { ...base, quiz: 'x'.repeat(24), collected: ['张'.repeat(20), '食'.repeat(20)], answers: Array(35).fill(15) }],
  ['100 questions, the sample fields', { ...base, answers: answers(100) }],
];
for (const [label, a] of cases) console.log(`${String(C.result(a).length).padStart(4)}  ${label}`);

// Self-check codes (自查码) as the form page writes them (checklist-data.js).
vm.runInNewContext(fs.readFileSync(path.join(root, 'themes/default/static/assets/checklist-data.js'), 'utf8'), box);
const D = box.window.shianChecklist;
const form = (n) => ({ id: 'food-production-daily', edition: '2024', hash: '0123456789abcdef', items: Array.from({ length: n }, (_, i) => ({ id: `i${i}` })) });
const answersOf = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`i${i}`, ['pass', 'fail', 'na'][i % 3]]));
const record = { date: '2024-12-02', enterprise: '示例·申江乳业有限公司', checker: '李四', risk: -1, gathered: [] };
for (const [label, n, r] of [
  ['self-check, 38 items, the sample fields', 38, record],
  ['self-check, 38 items, 40-character enterprise, 20-character checker', 38, { ...record, enterprise: '食'.repeat(40), checker: '张'.repeat(20) }],
  ['self-check, 200 items, the sample fields', 200, record],
]) console.log(`${String(D.code(form(n), { ...r, answers: answersOf(n) }).length).padStart(4)}  ${label}`);
