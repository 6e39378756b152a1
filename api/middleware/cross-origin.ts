import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { ApiError } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection by origin: a browser always says where an unsafe request comes from
 * (Sec-Fetch-Site, Origin). Unlike hono/csrf, this also covers bodiless DELETE/POST, which
 * hono/csrf lets through by content type. Non-browser clients send neither header and pass.
 */
export function crossOriginProtection(
  isAllowedOrigin: (origin: string) => boolean,
  /** Paths whose unsafe methods change nothing (the Temporal UI's codec): CORS guards them. */
  isExempt: (path: string) => boolean = () => false,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE.has(c.req.method) && !isExempt(c.req.path)) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
      if (crossSite || (origin !== undefined && !isAllowedOrigin(origin))) {
        throw new ApiError(403, 'csrf_rejected', 'errors.csrf');
      }
    }
    await next();
  };
}
