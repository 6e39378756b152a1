// Folder loops are what ESLint's per-folder rules cannot see: each rule looks at one import.
// This resolves every relative import of the repository's code, draws the folder graph of
// runtime imports (type-only ones vanish at build time) and fails on any cycle, so imports
// between top-level folders only ever point one way. Run by `npm run lint`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|mts|mjs|js|vue)$/.test(f) && !f.startsWith('node_modules/'));

/** The room a file lives in: its top-level folder (ui/src counts as ui). */
const roomOf = (path) => (path.includes('/') ? path.split('/')[0] : '.');

// `import type {…}`, `export type {…}` and imports whose every name is `type X` are erased.
const importRe = /^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
const typeOnly = (keywordType, clause) =>
  Boolean(keywordType) || (/^\{[^}]*\}$/.test(clause.trim()) && clause.replace(/[{}]/g, '').split(',').filter((s) => s.trim()).every((s) => /^\s*type\s/.test(s)));

const edges = new Map();
for (const file of files) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const m of text.matchAll(importRe)) {
    const spec = m[4] ?? m[5];
    if (!spec.startsWith('.')) continue;
    if (m[4] && typeOnly(m[2], m[3])) continue;
    const from = roomOf(file);
    const to = roomOf(normalize(join(dirname(file), spec)));
    if (from === to || to === '..') continue;
    const key = `${from} -> ${to}`;
    if (!edges.has(key)) edges.set(key, file);
  }
}

const graph = new Map();
for (const key of edges.keys()) {
  const [from, to] = key.split(' -> ');
  graph.set(from, [...(graph.get(from) ?? []), to]);
}

// Depth-first search; a grey node met again closes a cycle.
const state = new Map();
const cycles = [];
const visit = (node, path) => {
  state.set(node, 'grey');
  for (const next of graph.get(node) ?? []) {
    if (state.get(next) === 'grey') cycles.push([...path.slice(path.indexOf(next)), next]);
    else if (!state.has(next)) visit(next, [...path, next]);
  }
  state.set(node, 'black');
};
for (const node of graph.keys()) if (!state.has(node)) visit(node, [node]);

if (cycles.length) {
  for (const cycle of cycles) {
    console.error(`folder cycle: ${cycle.join(' -> ')}`);
    for (let i = 0; i < cycle.length - 1; i++) console.error(`  ${cycle[i]} -> ${cycle[i + 1]} (e.g. ${edges.get(`${cycle[i]} -> ${cycle[i + 1]}`)})`);
  }
  process.exit(1);
}
console.log(`check-layers: ${graph.size} folders, ${edges.size} one-way arrows, no cycles`);
