// PostgreSQL refuses some values outright (SQLSTATE class 22, "data exception": a NUL byte in
// text, a date out of range). The API answers 422 and activities fail for good on them.

/** The SQLSTATE of a data exception anywhere in the cause chain (drizzle wraps the driver's error), or null. */
export function dataExceptionCode(err: unknown): string | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return code;
  }
  return null;
}
