import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/api';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ withWorker: false });
});
afterAll(async () => sys?.stop());

describe('[api] conventions', () => {
  it('reports health of the database and Temporal', async () => {
    const res = await sys.client().get('/api/health');
    // No worker polls this file's task queue: test/api/health.test.ts covers that part.
    expect(res.body).toMatchObject({ db: 'ok', temporal: 'ok' });
  });

  it('answers 401 without a session, for every protected route', async () => {
    for (const path of ['/api/auth/me', '/api/persons', '/api/persons/x', '/api/users', '/api/permission-rules', '/api/organisation', '/api/admin/mails', '/api/system']) {
      const res = await sys.client().get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    }
    const post = await sys.client().post('/api/persons', { firstName: 'A' });
    expect(post.status).toBe(401);
  });

  it('serves an OpenAPI 3.1 document generated from the schemas, and interactive docs', async () => {
    const doc = await sys.client().get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    for (const path of ['/api/persons', '/api/persons/{id}', '/api/persons/{id}/favorite', '/api/auth/login', '/api/health', '/api/users/invitations']) {
      expect(Object.keys(doc.body.paths), path).toContain(path);
    }
    expect(doc.body.components.schemas.Person.properties).toHaveProperty('displayName');
    const docs = await sys.client().get('/api/docs');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('/api/docs/assets/swagger-ui-dist/swagger-ui-bundle.js');
    // Served locally, so the docs work without internet.
    const bundle = await sys.client().get('/api/docs/assets/swagger-ui-dist/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
  });

  it('unknown API routes are 404 in the contract’s error shape, in the asked language', async () => {
    const res = await sys.client('en').get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });
});
