// What makes the first load fast (issue 10, item 9): few script files, precompressed assets cached
// for a year, index.html always revalidated, JSON compressed. `npm run bench:first-load` measures it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uiDistDir } from '../../platform/paths';
import { startTestSystem, type TestSystem } from '../support/api';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ uiDir: uiDistDir, withWorker: false });
});
afterAll(async () => sys?.stop());

const get = (path: string, encoding?: string) => sys.client().request('GET', path, undefined, encoding ? { 'accept-encoding': encoding } : {});

describe('[app] first load', () => {
  it('index.html is revalidated at every visit and names its entry script and a few preloaded chunks', async () => {
    const res = await get('/login');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const scripts = [...String(res.body).matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    // Grouped chunks: the framework, the component library and our shared code, not a hundred files.
    expect(scripts.length).toBeLessThanOrEqual(8);
    expect(readdirSync(join(uiDistDir, 'assets')).filter((f) => f.endsWith('.js')).length).toBeLessThanOrEqual(60);
  });

  it('hashed assets are served precompressed (brotli, else gzip) and cached for a year', async () => {
    const index = String((await get('/login')).body);
    const entry = index.match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const br = await get(entry, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get(entry, 'gzip')).headers.get('content-encoding')).toBe('gzip');
    const plain = await get(entry);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(String(plain.body)).toContain('import');
    expect((await get('/assets/does-not-exist.js')).headers.get('cache-control')).not.toBe('public, max-age=31536000, immutable');
  });

  it('JSON answers travel compressed when the client accepts it', async () => {
    const doc = await get('/api/openapi.json', 'gzip');
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-encoding')).toBe('gzip');
    expect((await get('/api/openapi.json')).headers.get('content-encoding')).toBeNull();
  });
});
