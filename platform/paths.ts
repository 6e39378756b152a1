import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const workflowsEntry = join(projectRoot, 'workflows', 'index.ts');
export const workflowBundlePath = join(projectRoot, 'dist', 'workflow-bundle.js');
export const uiDistDir = join(projectRoot, 'ui', 'dist');
