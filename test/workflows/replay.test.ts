// Every recorded history must replay on the current workflow code: a change that would break
// running workflows fails here (then guard it with patched()).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, inject } from 'vitest';
import { Worker } from '@temporalio/worker';
import { projectRoot } from '../../platform/paths';
import { testDataConverter } from '../support/payload-keys';

const dir = join(projectRoot, 'test', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('replay of recorded histories', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    await expect(
      // Histories recorded since payload encryption decode with the test key; older ones pass through.
      Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: testDataConverter() }, history, file),
    ).resolves.toBeUndefined();
  });

  it('an encrypted history holds no readable payload: without the key it cannot replay', async () => {
    const file = files.find((f) => f.endsWith('-encrypted.json'))!;
    const text = readFileSync(join(dir, file), 'utf8');
    const history = JSON.parse(text);
    const encoding = (b64: string) => Buffer.from(b64, 'base64').toString();
    const inputs = history.events[0].workflowExecutionStartedEventAttributes.input.payloads;
    expect(inputs.map((p: { metadata: { encoding: string } }) => encoding(p.metadata.encoding))).toEqual(['binary/encrypted']);
    await expect(Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, file)).rejects.toThrow();
  });
});
