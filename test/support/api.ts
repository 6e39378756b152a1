// The real API (Hono app) over real Postgres and the real Temporal dev server, with a worker on
// a task queue of its own, and a small client that keeps the session cookie like a browser.
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import type { AppConfig } from '../../api/context';
import { createActivities } from '../../activities';
import { connectDatabase, type Database } from '../../db/client';
import { createMailer } from '../../platform/mailer';
import { createSmsSender } from '../../platform/sms';
import { uniqueSuffix } from './fixtures';
import { testDataConverter } from './payload-keys';

export interface TestSystem {
  database: Database;
  temporal: Client;
  app: ReturnType<typeof createApp>;
  worker?: Worker;
  taskQueue: string;
  config: AppConfig;
  payloadCodec: PayloadCodec;
  client(locale?: string): ApiClient;
  stop(): Promise<void>;
}

export async function startTestSystem(
  options: { uiDir?: string; publicUrl?: string; withWorker?: boolean; database?: Database } = {},
): Promise<TestSystem> {
  const database = options.database ?? connectDatabase(inject('databaseUrl'), { max: 5 });
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const dataConverter = testDataConverter();
  const temporal = new Client({ connection, namespace: 'default', dataConverter });
  const taskQueue = `test-${uniqueSuffix()}`;
  const mailer = createMailer({ smtpUrl: inject('smtpUrl'), from: 'Cauce <no-reply@test.cauce.local>' });
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  const config: AppConfig = {
    publicUrl,
    temporalUiUrl: 'http://localhost:8233',
    temporalNamespace: 'default',
    taskQueue,
    production: false,
    smsLive: false,
    mailCapture: true,
    // Tests play the proxy: each sets X-Forwarded-For to act as a client of its own.
    trustProxy: true,
  };
  const app = createApp({ db: database.db, temporal, config, payloadCodec: dataConverter.payloadCodecs![0] }, { uiDir: options.uiDir });
  const nativeConnection = options.withWorker === false ? undefined : await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = nativeConnection
    ? await Worker.create({
        connection: nativeConnection,
        namespace: 'default',
        taskQueue,
        workflowBundle: { codePath: inject('workflowBundlePath') },
        dataConverter,
        activities: createActivities({ db: database.db, mailer, sms: createSmsSender(database.db, null), publicUrl }),
      })
    : undefined;
  const running = worker ? worker.run() : Promise.resolve();
  return {
    database,
    temporal,
    app,
    worker,
    taskQueue,
    config,
    payloadCodec: dataConverter.payloadCodecs![0],
    client: (locale = 'es') => new ApiClient(app, locale),
    async stop() {
      worker?.shutdown();
      await running;
      await nativeConnection?.close();
      await connection.close();
      mailer.close();
      await database.close();
    },
  };
}

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
