// The edge: bodies too large to read, and text PostgreSQL cannot store, are refused here, for
// every route at once, before authentication (sizes) and before any route's own validation.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import { isLocale } from '../../domain/i18n';
import { findTextProblems, textProblem, type TextProblem } from '../../domain/input-rules';
import { ATTACHMENT_MAX_BYTES } from '../../domain/ventanilla';
import type { AppEnv } from '../context';
import { ApiError, invalidInput, type FieldProblem } from '../errors';

const MB = 1024 * 1024;
/** JSON and every other body. */
export const JSON_MAX_BYTES = 1 * MB;
/**
 * Uploads: the file limit (organisation settings have no file limit of their own yet) plus room
 * for the multipart framing; a file just over the limit still gets the route's precise 400.
 */
export const UPLOAD_MAX_BYTES = ATTACHMENT_MAX_BYTES + 64 * 1024;
/** The Temporal UI's codec calls carry workflow payloads (Temporal allows 2 MB each), base64-encoded. */
export const CODEC_MAX_BYTES = 4 * MB;

const readable = (bytes: number) => `${Math.round(bytes / MB)} MB`;

/**
 * Refuses with 413 while streaming: a Content-Length over the limit is refused unread, a chunked
 * body as soon as it passes the limit. The connection is closed so Node does not drain the rest.
 */
export function bodyLimits(options: { codecPath: string }): MiddlewareHandler<AppEnv> {
  const limiter = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => {
        c.header('Connection', 'close');
        throw new ApiError(413, 'payload_too_large', 'errors.payload_too_large', { max: readable(maxSize) }, { maxBytes: maxSize });
      },
    });
  const json = limiter(JSON_MAX_BYTES);
  const upload = limiter(UPLOAD_MAX_BYTES);
  const codec = limiter(CODEC_MAX_BYTES);
  return (c, next) => {
    if (c.req.path.startsWith(`${options.codecPath}/`)) return codec(c, next);
    return /^multipart\/form-data/i.test(c.req.header('content-type') ?? '') ? upload(c, next) : json(c, next);
  };
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
const FORM_TYPE = /^(multipart\/form-data|application\/x-www-form-urlencoded)$/i;

const problemField = (path: string, problem: TextProblem): FieldProblem => ({ path, code: problem, message: problem });

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Path segments as the route will read its parameters, named after the route's pattern. */
function pathProblems(c: Context): FieldProblem[] {
  const segments = c.req.path.split('/');
  if (!segments.some((s) => textProblem(s) || textProblem(decoded(s)))) return [];
  const pattern = matchedRoutes(c).find((r) => r.method !== 'ALL' && r.path.includes(':'))?.path.split('/') ?? [];
  return segments.flatMap((segment, i) => {
    const problem = textProblem(segment) ?? textProblem(decoded(segment));
    if (!problem) return [];
    const name = pattern[i]?.startsWith(':') ? pattern[i].slice(1).replace(/\{.*$/, '') : `path.${i}`;
    return [problemField(name, problem)];
  });
}

function queryProblems(c: Context): FieldProblem[] {
  return Object.entries(c.req.queries()).flatMap(([key, values]) => {
    const keyProblem = textProblem(key);
    if (keyProblem) return [problemField(key, keyProblem)];
    return values.flatMap((v) => {
      const problem = textProblem(v);
      return problem ? [problemField(key, problem)] : [];
    });
  });
}

async function bodyProblems(c: Context): Promise<FieldProblem[]> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim();
  if (JSON_TYPE.test(type)) {
    // Parsed once: Hono caches it for the route's validator, which answers malformed JSON itself.
    const body = await c.req.json().catch(() => undefined);
    return findTextProblems(body).map((p) => problemField(p.path, p.problem));
  }
  if (FORM_TYPE.test(type)) {
    // Parsed from the buffered bytes, as the route's validator does: a malformed form (no
    // boundary) is then the validator's 400, not a rejected promise left in Hono's cache.
    const bytes = await c.req.arrayBuffer();
    const form = await new Response(bytes, { headers: { 'content-type': c.req.header('content-type')! } }).formData().catch(() => undefined);
    if (!form) return [];
    c.req.bodyCache.formData = form;
    const problems: FieldProblem[] = [];
    for (const [key, value] of form.entries()) {
      const keyProblem = textProblem(key);
      if (keyProblem) problems.push(problemField(key, keyProblem));
      else if (typeof value === 'string') {
        const problem = textProblem(value);
        if (problem) problems.push(problemField(key, problem));
      } else {
        const problem = textProblem(value.name);
        if (problem) problems.push(problemField(`${key}.name`, problem));
      }
    }
    return problems;
  }
  return [];
}

/**
 * 400 invalid_input naming every path parameter, query parameter, JSON string or key, form field
 * or file name holding a NUL or another control character, or a lone surrogate.
 */
export const rejectUnstorableText: MiddlewareHandler<AppEnv> = async (c, next) => {
  const problems = [...pathProblems(c), ...queryProblems(c), ...(await bodyProblems(c))];
  if (problems.length) {
    // Without Accept-Language, a signed-in reader gets their own language.
    const user = c.var.user;
    if (!c.req.header('accept-language') && user && isLocale(user.locale)) c.set('locale', user.locale);
    throw invalidInput(problems);
  }
  await next();
};
