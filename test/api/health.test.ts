// /api/health reports the worker too: a task queue nobody polls means nothing moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { ApiClient, startTestSystem, type TestSystem } from '../support/api';
import { uniqueSuffix } from '../support/fixtures';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => sys?.stop());

describe('[api] health', () => {
  it('is ok while a worker polls the task queue', async () => {
    await expect
      .poll(async () => {
        const res = await sys.client().get('/api/health');
        return { status: res.status, body: res.body };
      }, { timeout: 10_000 })
      .toEqual({ status: 200, body: { status: 'ok', db: 'ok', temporal: 'ok', worker: 'ok' } });
  });

  it('says worker: down (503) for a task queue nobody polls', async () => {
    const app = createApp({ db: sys.database.db, temporal: sys.temporal, config: { ...sys.config, taskQueue: `nobody-${uniqueSuffix()}` } });
    const res = await new ApiClient(app, 'es').get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'degraded', db: 'ok', temporal: 'ok', worker: 'down' });
  });

  it('documents the worker field', async () => {
    const doc = await sys.client().get('/api/openapi.json');
    expect(doc.body.components.schemas.Health.properties).toHaveProperty('worker');
  });
});
