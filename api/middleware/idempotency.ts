// Idempotency-Key on every change (POST, PUT, PATCH, DELETE) a signed-in user sends: the first
// request with a key runs and its answer is kept 24 h; a repeat of the same request gets that
// answer, the same key on another request is 422, and a repeat while the first still runs waits
// for it briefly (then 409). The key also names what the change creates and its Update IDs.
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';
import type { AppEnv, SessionUser } from '../context';
import { ApiError, invalidInput } from '../errors';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Printable ASCII, as a UUID or any client token is. */
export const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A crashed API's claim is taken over after this; a running request renews it. */
const LEASE_MS = 30_000;
const RENEW_EVERY_MS = 10_000;
/**
 * A duplicate sent while the first still runs (a double click, a retry after a client timeout)
 * waits this long for the first answer, so both get it; past it, 409 request_in_progress. An
 * Update answers in tens of milliseconds, so waiting is almost always enough.
 */
const WAIT_FOR_FIRST_MS = 5_000;
const POLL_MS = 50;

export interface IdempotencyOptions {
  /** Paths whose answer is not a replayable body (login and logout set the session cookie). */
  exempt?: (path: string) => boolean;
}

type Row = typeof idempotencyKeys.$inferSelect;

export function idempotency(options: IdempotencyOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    const user = c.var.user;
    if (key === undefined || !user || !UNSAFE_METHODS.has(c.req.method) || options.exempt?.(c.req.path)) return next();
    if (!KEY_PATTERN.test(key)) {
      throw invalidInput([{ path: IDEMPOTENCY_HEADER, message: 'Must be 1 to 255 printable ASCII characters', code: 'invalid_idempotency_key' }]);
    }
    const { db } = c.var.deps;
    const requestHash = await fingerprint(c);
    const owner = randomUUID();
    const giveUpAt = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const found = await claim(db, user, key, requestHash, owner);
      if (found === 'claimed') break;
      if (found.requestHash !== requestHash) {
        throw new ApiError(422, 'idempotency_key_reused', 'errors.idempotency_key_reused', {}, { header: IDEMPOTENCY_HEADER });
      }
      if (found.state === 'done') return replay(found);
      if (Date.now() >= giveUpAt) {
        c.header('Retry-After', '1');
        throw new ApiError(409, 'request_in_progress', 'errors.request_in_progress');
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }

    const mine = and(eq(idempotencyKeys.userId, user.id), eq(idempotencyKeys.key, key), eq(idempotencyKeys.owner, owner));
    const renew = setInterval(() => {
      db.update(idempotencyKeys).set({ leaseUntil: new Date(Date.now() + LEASE_MS) }).where(mine).catch(() => {});
    }, RENEW_EVERY_MS);
    c.set('deps', { ...c.var.deps, requestKey: { scope: user.id, key } });
    try {
      await next();
    } catch (err) {
      // Not awaited: with the database stalled, the error would wait for the release too.
      void db.delete(idempotencyKeys).where(mine).catch(() => {});
      throw err;
    } finally {
      clearInterval(renew);
    }
    // The change's own answer goes out even if it cannot be kept (the database stalling now):
    // a retry then waits for the lease to lapse and runs again, de-duplicated by derived ids.
    const keep = async () => {
      // A dependency down, or a limit: nothing was done, so a retry must run again. The release is
      // not awaited: the 503 of a stalled database must not wait for that same database.
      if (c.res.status >= 500 || c.res.status === 429) {
        void db.delete(idempotencyKeys).where(mine).catch(() => {});
        return;
      }
      const body = Buffer.from(await c.res.clone().arrayBuffer());
      await db
        .update(idempotencyKeys)
        .set({ state: 'done', status: c.res.status, contentType: c.res.headers.get('content-type'), body })
        .where(mine);
    };
    await keep().catch((err) => console.warn('[cauce] could not keep the answer for an Idempotency-Key', err));
  };
}

/**
 * Takes the key (new, expired, or a crashed request's lapsed lease for this same request), or
 * answers the row that holds it. One statement: parallel duplicates cannot both take it.
 */
async function claim(db: Db, user: SessionUser, key: string, requestHash: string, owner: string): Promise<'claimed' | Row> {
  const [taken] = await db
    .insert(idempotencyKeys)
    .values({
      userId: user.id,
      organisationId: user.organisationId,
      key,
      requestHash,
      state: 'running',
      owner,
      leaseUntil: sql`now() + ${sql.raw(`interval '${LEASE_MS} milliseconds'`)}`,
      expiresAt: sql`now() + ${sql.raw(`interval '${IDEMPOTENCY_TTL_MS} milliseconds'`)}`,
    })
    .onConflictDoUpdate({
      target: [idempotencyKeys.userId, idempotencyKeys.key],
      set: {
        requestHash: sql`excluded.request_hash`,
        state: 'running',
        owner: sql`excluded.owner`,
        leaseUntil: sql`excluded.lease_until`,
        expiresAt: sql`excluded.expires_at`,
        status: null,
        contentType: null,
        body: null,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${idempotencyKeys.expiresAt} <= now()
        OR (${idempotencyKeys.state} = 'running' AND ${idempotencyKeys.leaseUntil} <= now() AND ${idempotencyKeys.requestHash} = excluded.request_hash)`,
    })
    .returning({ owner: idempotencyKeys.owner });
  if (taken?.owner === owner) return 'claimed';
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, user.id), eq(idempotencyKeys.key, key)));
  // Gone between the two statements (its request failed and let it go): try again.
  return row ?? claim(db, user, key, requestHash, owner);
}

function replay(row: Row): Response {
  const headers = new Headers({ 'Idempotent-Replayed': 'true' });
  if (row.contentType) headers.set('content-type', row.contentType);
  const empty = row.status === 204 || row.status === 205 || row.status === 304;
  return new Response(empty || !row.body ? null : new Uint8Array(row.body), { status: row.status ?? 200, headers });
}

/**
 * What makes two requests the same: method, path, query and body. A multipart body is hashed
 * without its boundary, which a browser picks anew for every send of the same form.
 */
async function fingerprint(c: Context<AppEnv>): Promise<string> {
  const url = new URL(c.req.url);
  const hash = createHash('sha256').update(`${c.req.method}\n${url.pathname}${url.search}\n`);
  const body = Buffer.from(await c.req.arrayBuffer());
  // Whatever reads the raw stream later (a route's bodyLimit) reads this copy instead.
  if (c.req.raw.body) c.req.raw = new Request(c.req.raw, { body });
  const boundary = /boundary="?([^";]+)"?/i.exec(c.req.header('content-type') ?? '')?.[1];
  if (boundary) hash.update(body.toString('latin1').split(boundary).join(''), 'latin1');
  else hash.update(body);
  return hash.digest('hex');
}

/** Answers older than 24 h: cheap with the expiry index, run now and then by housekeeping. */
export async function purgeIdempotencyKeys(db: Db): Promise<void> {
  await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, sql`now()`));
}
