// The one door to the API: a typed Hono client (`hc<ApiType>`) whose calls go through `call`,
// which unwraps 2xx bodies and throws ApiError for anything else.
import { hc, type ClientResponse } from 'hono/client';
import type { ApiType } from '../../../api/app';
import { actionFetch } from './actionFetch';

export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The per-field errors of a 400 (`details.fields`), empty otherwise. */
  get fields(): FieldError[] {
    const fields = (this.details as { fields?: unknown } | undefined)?.fields;
    return Array.isArray(fields) ? (fields as FieldError[]) : [];
  }

  /** The refused lines of an import (`details.lines`), empty otherwise. */
  get lines(): ImportLineError[] {
    const lines = (this.details as { lines?: unknown } | undefined)?.lines;
    return Array.isArray(lines) ? (lines as ImportLineError[]) : [];
  }
}

/** One refused line of an imported file, named in the reader's language. */
export interface ImportLineError {
  line: number;
  message: string;
}

let languageOf: () => string = () => 'es';
let onUnauthorized: () => void = () => {};

/** Wired once in main.ts, so this module needs neither the router nor i18n. */
export function configureApiClient(options: { language: () => string; unauthorized: () => void }): void {
  languageOf = options.language;
  onUnauthorized = options.unauthorized;
}

const fetchWithLanguage: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('Accept-Language', languageOf());
  return fetch(input, { ...init, headers, credentials: 'same-origin' });
};

/** Each call is one user action: its retries carry the same Idempotency-Key. */
const fetchAction = actionFetch(fetchWithLanguage);

export const api = hc<ApiType>('/api', { fetch: fetchAction });

type SuccessStatus = 200 | 201 | 202 | 204;
/** The body type of a call's 2xx responses (`void` for 204). */
export type Success<R> =
  R extends ClientResponse<infer T, infer S, infer _F> ? (S extends 204 ? void : S extends SuccessStatus ? T : never) : never;

export interface CallOptions {
  /** A 401 is an expected answer here (login, "who am I"): do not send the user to the login page. */
  expectUnauthorized?: boolean;
}

/**
 * Awaits a client call and returns its success body. Non-2xx answers become ApiError carrying the
 * server's localized message; a 401 also sends the user back to the login page.
 */
export async function call<R extends ClientResponse<unknown, number, 'json' | 'text' | string>>(
  request: Promise<R>,
  options: CallOptions = {},
): Promise<Success<R>> {
  let res: R;
  try {
    res = await request;
  } catch (err) {
    throw new ApiError(0, 'network_error', (err as Error)?.message ?? 'Network error');
  }
  if (res.ok) {
    if (res.status === 204) return undefined as Success<R>;
    return (await res.json()) as Success<R>;
  }
  let body: { error?: { code?: string; message?: string; details?: unknown } } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // A proxy's HTML error page or an empty body: keep the status alone.
  }
  const error = new ApiError(res.status, body.error?.code ?? 'http_error', body.error?.message ?? res.statusText, body.error?.details);
  if (res.status === 401 && !options.expectUnauthorized) onUnauthorized();
  throw error;
}

/**
 * A change sent to a path built at run time, for shared components that serve several modules
 * (the follow-ups card is given its owner's base path). Same key, retries and errors as `api`.
 */
export function postJson<T = unknown>(path: string, body: unknown): Promise<T> {
  const request = fetchAction(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return call(request as Promise<ClientResponse<T, 200, 'json'>>) as Promise<T>;
}

/** A multipart upload (a file with its fields) as one user action: same language, errors and Idempotency-Key retries. */
export function postForm<T = unknown>(path: string, form: FormData): Promise<T> {
  const request = fetchAction(path, { method: 'POST', body: form });
  return call(request as Promise<ClientResponse<T, 200, 'json'>>) as Promise<T>;
}

/** A file sent as multipart field "file" to a path built at run time. Same key, retries and errors as `api`. */
export function postFile<T = unknown>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  return postForm<T>(path, form);
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}

/** A read from a path built at run time (routes the typed client does not know yet). Same language and errors as `api`. */
export function getJson<T = unknown>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const url = params.size ? `${path}?${params}` : path;
  return call(fetchWithLanguage(url, { method: 'GET' }) as Promise<ClientResponse<T, 200, 'json'>>) as Promise<T>;
}
