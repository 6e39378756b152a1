// Login limits that cannot be raced and cannot be used to lock an owner out: attempts are
// counted atomically before the password is checked, hard limits hold per client address and
// per (account, address), and across addresses an account only slows down (short, capped delays).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export const LOGIN_WINDOW_MINUTES = 15;
/** Failures one address may make, over every account, in a window. */
export const MAX_FAILURES_PER_IP = 30;
/** Failures one address may make on one account in a window; the owner elsewhere is unaffected. */
export const MAX_FAILURES_PER_ACCOUNT_AND_IP = 5;
/** Failures on an account, from anywhere, before each further attempt waits. */
export const FREE_FAILURES_PER_ACCOUNT = 5;
/** The waits double from 1 s and stop at 30 s: an owner waits at most that long. */
const FIRST_DELAY_MS = 1_000;
export const MAX_ACCOUNT_DELAY_MS = 30_000;

const WINDOW = sql.raw(`interval '${LOGIN_WINDOW_MINUTES} minutes'`);

export interface LoginAdmission {
  /** The counters this attempt took, given back if it succeeds. */
  ip: string | null;
  pair: string;
  account: string;
}

export interface LoginRefusal {
  retryAfterSeconds: number;
  /** Refused by the account's delay (seconds), not by a hard limit (the window's minutes). */
  accountDelay: boolean;
}

const refusal = (retryAfterSeconds: number, accountDelay: boolean): LoginRefusal => ({ retryAfterSeconds: Math.max(1, retryAfterSeconds), accountDelay });

/** Counts one attempt under `key`; refuses (and gives it back) past `limit` in the window. */
async function takeWithin(db: Db, key: string, limit: number): Promise<number | null> {
  const [row] = await db.execute<{ attempts: number; retry_after: number }>(sql`
    INSERT INTO login_throttles (key, attempts, window_started_at) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN login_throttles.window_started_at <= now() - ${WINDOW} THEN 1 ELSE login_throttles.attempts + 1 END,
      window_started_at = CASE WHEN login_throttles.window_started_at <= now() - ${WINDOW} THEN now() ELSE login_throttles.window_started_at END,
      updated_at = now()
    RETURNING attempts, ceil(extract(epoch FROM window_started_at + ${WINDOW} - now()))::int AS retry_after`);
  if (row.attempts <= limit) return null;
  await giveBack(db, key);
  return row.retry_after;
}

/**
 * Counts one attempt on the account unless it must still wait; past the free failures each
 * admitted attempt makes the next one wait longer. The row lock orders parallel attempts.
 */
async function takeAccountTurn(db: Db, key: string): Promise<number | null> {
  const expired = sql`login_throttles.window_started_at <= now() - ${WINDOW}`;
  const admitted = await db.execute(sql`
    INSERT INTO login_throttles (key, attempts, window_started_at) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN ${expired} THEN 1 ELSE login_throttles.attempts + 1 END,
      window_started_at = CASE WHEN ${expired} THEN now() ELSE login_throttles.window_started_at END,
      blocked_until = CASE
        WHEN NOT ${expired} AND login_throttles.attempts + 1 > ${FREE_FAILURES_PER_ACCOUNT}
        THEN now() + least(${FIRST_DELAY_MS} * power(2, login_throttles.attempts - ${FREE_FAILURES_PER_ACCOUNT}), ${MAX_ACCOUNT_DELAY_MS}) * interval '1 millisecond'
        END,
      updated_at = now()
    WHERE ${expired} OR login_throttles.blocked_until IS NULL OR login_throttles.blocked_until <= now()
    RETURNING attempts`);
  if (admitted.length) return null;
  const [row] = await db.execute<{ retry_after: number | null }>(
    sql`SELECT ceil(extract(epoch FROM blocked_until - now()))::int AS retry_after FROM login_throttles WHERE key = ${key}`,
  );
  return row?.retry_after ?? 1;
}

async function giveBack(db: Db, key: string) {
  await db.execute(sql`UPDATE login_throttles SET attempts = greatest(attempts - 1, 0), updated_at = now() WHERE key = ${key}`);
}

/**
 * Takes this attempt's place under every limit, or refuses having taken none. Without a client
 * address (in-process callers) the account and (account, no address) limits still apply.
 */
export async function admitLogin(db: Db, email: string, ip: string | null): Promise<LoginAdmission | LoginRefusal> {
  const admission: LoginAdmission = { ip: ip ? `ip:${ip}` : null, pair: `account-ip:${email} ${ip ?? '-'}`, account: `account:${email}` };
  if (admission.ip) {
    const wait = await takeWithin(db, admission.ip, MAX_FAILURES_PER_IP);
    if (wait !== null) return refusal(wait, false);
  }
  const pairWait = await takeWithin(db, admission.pair, MAX_FAILURES_PER_ACCOUNT_AND_IP);
  if (pairWait !== null) {
    if (admission.ip) await giveBack(db, admission.ip);
    return refusal(pairWait, false);
  }
  const accountWait = await takeAccountTurn(db, admission.account);
  if (accountWait !== null) {
    if (admission.ip) await giveBack(db, admission.ip);
    await giveBack(db, admission.pair);
    return refusal(accountWait, true);
  }
  return admission;
}

/**
 * A successful login gives its attempt back, so only failures count; the owner's own earlier
 * typos from this address are forgiven. Failures keep their place.
 */
export async function loginSucceeded(db: Db, admission: LoginAdmission): Promise<void> {
  if (admission.ip) await giveBack(db, admission.ip);
  await giveBack(db, admission.account);
  await db.execute(sql`DELETE FROM login_throttles WHERE key = ${admission.pair}`);
}

/** Rows whose window has passed and that hold no wait: nothing left to count. */
export async function purgeLoginThrottles(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM login_throttles WHERE window_started_at <= now() - ${WINDOW} AND (blocked_until IS NULL OR blocked_until <= now())`);
}
