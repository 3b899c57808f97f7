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
