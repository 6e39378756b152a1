// The web app's side of Idempotency-Key: one key per user action, reused by its retries.
import { describe, expect, it } from 'vitest';
import { actionFetch, IDEMPOTENCY_HEADER } from '../../ui/src/api/actionFetch';

/** The server, at the outer edge: answers in turn and records what it was sent. */
function server(...answers: Array<Response | Error>) {
  const seen: Array<{ method: string; key: string | null; body: unknown }> = [];
  const send = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ method: init?.method ?? 'GET', key: new Headers(init?.headers).get(IDEMPOTENCY_HEADER), body: init?.body });
    const next = answers.shift() ?? new Response('{}', { status: 200 });
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { send, seen };
}
const error = (status: number, code: string) => new Response(JSON.stringify({ error: { code, message: code } }), { status, headers: { 'content-type': 'application/json' } });

describe('[ui] one Idempotency-Key per action', () => {
  it('sends a key with each change, a new one per action, none with reads', async () => {
    const { send, seen } = server();
    const f = actionFetch(send, { retryDelaysMs: [] });
    await f('/api/persons', { method: 'POST', body: '{}' });
    await f('/api/persons', { method: 'POST', body: '{}' });
    await f('/api/persons', { method: 'GET' });
    expect(seen[0].key).toMatch(/^[0-9a-f]{32}$/);
    expect(seen[1].key).toMatch(/^[0-9a-f]{32}$/);
    expect(seen[1].key).not.toBe(seen[0].key);
    expect(seen[2].key).toBeNull();
  });

  it('retries a lost answer, a 503 and a request still in progress with the same key and body', async () => {
    const { send, seen } = server(new TypeError('network down'), error(503, 'service_unavailable'), error(409, 'request_in_progress'), new Response('{"id":"n1"}', { status: 201 }));
    const f = actionFetch(send, { retryDelaysMs: [1, 1, 1] });
    const res = await f('/api/interventions/x/notes', { method: 'POST', body: '{"body":"hola"}' });
    expect(res.status).toBe(201);
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
    expect(seen.every((s) => s.body === '{"body":"hola"}')).toBe(true);
  });

  it('does not retry answers that will not change (a refusal, a reused key), and stops after its retries', async () => {
    const refused = server(error(409, 'case_closed'));
    expect((await actionFetch(refused.send, { retryDelaysMs: [1] })('/x', { method: 'POST' })).status).toBe(409);
    expect(refused.seen).toHaveLength(1);
    const down = server(error(503, 'service_unavailable'), error(503, 'service_unavailable'), error(503, 'service_unavailable'));
    expect((await actionFetch(down.send, { retryDelaysMs: [1, 1] })('/x', { method: 'DELETE' })).status).toBe(503);
    expect(down.seen).toHaveLength(3);
  });
});
