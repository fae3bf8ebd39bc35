import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { databaseInputProblem } from '../../db/input-problem';
import { clip } from '../format/excerpt';
import { isDatabaseUnavailable } from '../../db/unavailable';

export { databaseInputProblem };

// Errors a route may throw on purpose; each maps to one HTTP status.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, message, details);
export const unauthorized = () => new HttpError(401, 'Sign in required');
export const forbidden = () => new HttpError(403, 'Forbidden');
/** Also used when the viewer may not know whether the thing exists. */
export const notFound = (what = 'Not found') => new HttpError(404, what);

/** Parses URL search params with a zod schema; a failure names the parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k in raw) throw badRequest(`Parameter "${clip(k)}" is given more than once`);
    raw[k] = v;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    // Names and messages are clipped: a parameter name can be as long as the URL.
    const describe = (i: z.core.$ZodIssue) =>
      i.code === 'unrecognized_keys'
        ? `Unknown parameter(s): ${clip(i.keys.join(', '))}`
        : `Invalid parameter "${i.path.length ? clip(i.path.join('.')) : '(query)'}": ${clip(i.message, 200)}`;
    throw badRequest(
      describe(issue!),
      result.error.issues.slice(0, 10).map((i) => ({ path: clip(i.path.join('.')), message: describe(i) })),
    );
  }
  return result.data;
}

/** Turns a thrown error into a JSON response: never a 500 for what a client sent. */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof HttpError) {
    return NextResponse.json({ error: err.message, details: err.details }, { status: err.status });
  }
  // A value the validators let through but the database cannot take (class 22)
  // or refuses by a constraint (class 23). Still the client's input, so a 400
  // naming the field — and logged, to tighten the validator.
  const problem = databaseInputProblem(err);
  if (problem) {
    console.warn('database refused client input', (err as { code?: string }).code, problem.field);
    return NextResponse.json(
      { error: `Invalid parameter "${problem.field}": ${problem.message.slice(problem.field.length + 2)}` },
      { status: 400 },
    );
  }
  if (isDatabaseUnavailable(err)) {
    return NextResponse.json({ error: 'The database is unavailable; try again shortly' }, { status: 503, headers: { 'Retry-After': '5' } });
  }
  console.error(err);
  return NextResponse.json({ error: 'Internal error' }, { status: 500 });
}

/** Wraps a route handler so thrown HttpErrors and DB outages become JSON answers. */
export function route<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
