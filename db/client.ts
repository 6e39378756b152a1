import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export interface Database {
  db: Db;
  sql: postgres.Sql;
  /** Where it connects, for a connection of its own with other settings (migrations). */
  url: string;
  close(): Promise<void>;
}

/** A few seconds: longer than any query Cauce runs, short enough for a person waiting. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** The client's own deadline runs this much past the server's, so a live server's error comes first. */
const DEADLINE_MARGIN_MS = 1_000;

export interface DatabaseOptions {
  max?: number;
  /** PostgreSQL's statement_timeout; 0 turns both it and the client-side deadline off. */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
}

/**
 * A query that outlived the client-side deadline: the server stalled (a paused PostgreSQL
 * enforces no statement_timeout of its own) or every connection stayed busy.
 */
export class DatabaseDeadlineError extends Error {
  readonly code = 'QUERY_DEADLINE';
  constructor(ms: number) {
    super(`no answer from PostgreSQL within ${ms} ms`);
  }
}

export function connectDatabase(url: string, options: DatabaseOptions = {}): Database {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const raw = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connect_timeout: (options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) / 1000,
    // Dates travel as ISO strings with offset; postgres.js parses timestamptz to Date.
    connection: { application_name: 'cauce', statement_timeout: statementTimeoutMs },
  });
  const sql = statementTimeoutMs > 0 ? withDeadline(raw, statementTimeoutMs + DEADLINE_MARGIN_MS) : raw;
  const db = drizzle(sql, { schema });
  return { db, sql, url, close: () => raw.end({ timeout: 5 }) };
}

type Scope = (fn: (tx: postgres.Sql) => unknown) => Promise<unknown>;

/**
 * Every query, and every transaction's BEGIN and COMMIT, rejects after `ms`. A transaction given
 * up on before its body ran never runs it: if the server resumes later, the body rolls back.
 */
function withDeadline(sql: postgres.Sql, ms: number): postgres.Sql {
  const scoped = (start: Scope) => (fn: (tx: postgres.Sql) => unknown) =>
    new Promise((resolve, reject) => {
      let abandoned = false;
      const arm = () =>
        setTimeout(() => {
          abandoned = true;
          reject(new DatabaseDeadlineError(ms));
        }, ms);
      let timer = arm();
      start(async (tx) => {
        clearTimeout(timer);
        if (abandoned) throw new DatabaseDeadlineError(ms);
        try {
          return await fn(withDeadline(tx, ms));
        } finally {
          if (!abandoned) timer = arm();
        }
      }).then(
        (value) => (clearTimeout(timer), resolve(value)),
        (err) => (clearTimeout(timer), reject(err)),
      );
    });

  return new Proxy(sql, {
    apply(target, thisArg, args: unknown[]) {
      const result = Reflect.apply(target, thisArg, args);
      // Only tagged templates are queries; sql('name') and sql(rows) build fragments.
      return Array.isArray((args[0] as { raw?: unknown })?.raw) ? queryWithDeadline(result, ms) : result;
    },
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === 'unsafe') return (...args: unknown[]) => queryWithDeadline((value as (...a: unknown[]) => unknown)(...args), ms);
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.Sql) => unknown;
          return scoped((body) => (value as (...a: unknown[]) => Promise<unknown>)(...args, body))(fn);
        };
      }
      return value;
    },
  });
}

/**
 * The query as it was (lazy, with .values() and friends), except that awaiting it gives up after
 * `ms`. A query still waiting for a connection is withdrawn; one already sent cannot be.
 */
function queryWithDeadline<Q>(query: Q, ms: number): Q {
  const q = query as Q & PromiseLike<unknown> & { state?: unknown; cancel(): unknown };
  let settled: Promise<unknown> | undefined;
  const race = () =>
    (settled ??= new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // Only the unsent cancel is safe: postgres.js drops the promise of a network cancel.
        if (!q.state) q.cancel();
        reject(new DatabaseDeadlineError(ms));
      }, ms);
      q.then(
        (value) => (clearTimeout(timer), resolve(value)),
        (err) => (clearTimeout(timer), reject(err)),
      );
    }));
  const proxy: Q = new Proxy(q, {
    get(target, prop) {
      if (prop === 'then') return (ok?: (v: unknown) => unknown, ko?: (e: unknown) => unknown) => race().then(ok, ko);
      if (prop === 'catch') return (ko?: (e: unknown) => unknown) => race().catch(ko);
      if (prop === 'finally') return (f?: () => void) => race().finally(f);
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        return result === target ? proxy : result;
      };
    },
  });
  return proxy;
}

/** A transaction works wherever the database does. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbLike = Db | Tx;
