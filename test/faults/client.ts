// A client over real HTTP that behaves as the web app does under faults: every change carries an
// Idempotency-Key, and a change that got no definitive answer (a 503, a timeout, a dropped
// connection) is sent again with the same key until it gets one. Every request's time and
// status are kept, so the suite can say how long anything waited.
import { randomUUID } from 'node:crypto';

export interface RequestRecord {
  method: string;
  path: string;
  status: number | 'network_error' | 'client_timeout';
  ms: number;
  at: number;
  phase: string;
}

export class FaultClient {
  private cookie = '';
  readonly records: RequestRecord[] = [];
  phase = 'setup';

  constructor(
    private readonly baseUrl: string,
    /** A request that takes longer than this is abandoned and counted as a client timeout. */
    private readonly clientTimeoutMs = 30_000,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T } | null> {
    const started = Date.now();
    const record = (status: RequestRecord['status']) => this.records.push({ method, path, status, ms: Date.now() - started, at: started, phase: this.phase });
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          origin: this.baseUrl,
          'accept-language': 'es',
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.clientTimeoutMs),
      });
      const set = res.headers.getSetCookie().find((c) => c.startsWith('cauce_session='));
      if (set) this.cookie = set.split(';')[0];
      const text = await res.text();
      record(res.status);
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    } catch (err) {
      record((err as Error).name === 'TimeoutError' ? 'client_timeout' : 'network_error');
      return null;
    }
  }

  async login(email: string, password: string): Promise<void> {
    for (;;) {
      const res = await this.request('POST', '/api/auth/login', { email, password });
      if (res?.status === 200) return;
      if (res && res.status < 500) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /**
   * A change as a person makes it: one key for the action, sent again with the same key until
   * the answer is definitive (2xx or 4xx). Returns the definitive answer and the attempts made.
   */
  async change<T = any>(method: string, path: string, body: unknown, giveUpAfterMs = 180_000) {
    const key = randomUUID();
    const until = Date.now() + giveUpAfterMs;
    let attempts = 0;
    for (;;) {
      attempts++;
      const res = await this.request<T>(method, path, body, { 'idempotency-key': key });
      // The first attempt is still being processed (it waited on a stalled dependency): ask again.
      const inProgress = res?.status === 409 && (res.body as { error?: { code?: string } } | null)?.error?.code === 'request_in_progress';
      if (res && res.status < 500 && !inProgress) return { ...res, key, attempts };
      if (Date.now() > until) throw new Error(`${method} ${path} got no definitive answer in ${giveUpAfterMs} ms`);
      await new Promise((r) => setTimeout(r, Math.min(2_000, 200 * attempts)));
    }
  }
}
