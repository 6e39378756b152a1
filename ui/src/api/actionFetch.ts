// Changes leave with one Idempotency-Key per user action. When the answer does not arrive (a
// network error), or says to try again (503; 409 request_in_progress), the same action is sent
// again with the same key: the server does it once and answers as it did the first time.

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface ActionFetchOptions {
  /** Waits before each retry; their number is the number of retries. */
  retryDelaysMs?: number[];
  newKey?: () => string;
}

/** 128 random bits; getRandomValues works on plain http too, unlike crypto.randomUUID. */
export function newActionKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function worthRetrying(res: Response): Promise<boolean> {
  if (res.status === 503) return true;
  if (res.status !== 409) return false;
  const body = (await res.clone().json().catch(() => null)) as { error?: { code?: string } } | null;
  return body?.error?.code === 'request_in_progress';
}

export function actionFetch(send: typeof fetch, options: ActionFetchOptions = {}): typeof fetch {
  const delays = options.retryDelaysMs ?? [500, 1500, 3000];
  const newKey = options.newKey ?? newActionKey;
  return async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    if (!CHANGES.has(method)) return send(input, init);
    const headers = new Headers(init?.headers);
    if (!headers.has(IDEMPOTENCY_HEADER)) headers.set(IDEMPOTENCY_HEADER, newKey());
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= delays.length;
      try {
        const res = await send(input, { ...init, headers });
        if (last || !(await worthRetrying(res))) return res;
      } catch (err) {
        if (last) throw err;
      }
      await new Promise((r) => setTimeout(r, delays[attempt]));
    }
  };
}
