// A browser-like client for the Hono app, used by API tests and benchmarks alike.

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps cookies, sends JSON and the Accept-Language of its user. */
export class ApiClient {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: { request: (input: string, init?: RequestInit) => Response | Promise<Response> },
    private readonly locale: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    // FormData (a multipart upload) goes as it is; fetch sets its boundary.
    const isForm = body instanceof FormData;
    const res = await this.app.request(path, {
      method,
      headers: {
        'accept-language': this.locale,
        ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, value] = pair.split('=');
      if (value === '' || /max-age=0/i.test(set)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (HTML, PDF): keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A GET of a file: its bytes as sent, not decoded as text. */
  async getBytes(path: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
    const res = await this.app.request(path, {
      method: 'GET',
      headers: { 'accept-language': this.locale, ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}) },
    });
    return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);

  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);

  async login(email: string, password: string) {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.user;
  }
}
