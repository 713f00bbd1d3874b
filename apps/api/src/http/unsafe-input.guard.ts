import { type NextFunction, type Request, type Response } from 'express';
import { InvalidInputException } from './invalid-input.exception';
import { RequestBodyError } from './request-body.error';

/**
 * How deep a request body may nest. The deepest DTO field (`agreement.collectionsLadder.reminder.days`)
 * is at depth 4; the bound keeps every recursive step after parsing (validation, transformation,
 * hashing) far from the stack's end, whatever a caller sends.
 */
export const MAX_BODY_DEPTH = 16;

/** At most this many problems are listed: a body of 100,000 bad keys gets a short answer. */
const MAX_PROBLEMS = 20;

/**
 * Keys that name an object's prototype machinery (`__proto__`, `constructor`, `prototype`, `valueOf`,
 * `toString`…). JSON.parse keeps them as plain own properties, but none reaches validation: the
 * validation pipe strips the first three and class-transformer skips any key naming a function the
 * DTO inherits, so the command would be recorded without a word. They are refused as unknown fields.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** NUL and unpaired surrogates: valid in a JavaScript string, but PostgreSQL's JSON cannot store them. */
const UNSTORABLE = /[\0\p{Cs}]/u;

type FieldError = { field: string; message: string };

/** A key as it can be shown in a field path (NUL and lone surrogates escaped). */
const printable = (key: string): string => (UNSTORABLE.test(key) ? JSON.stringify(key).slice(1, -1) : key);

/**
 * What no DTO can accept, found in one walk of parsed JSON without recursion (so any depth is safe):
 * nesting deeper than `MAX_BODY_DEPTH`, prototype keys, `null` (an optional field is left out, never
 * null), NUL and unpaired surrogates in keys and strings. Field paths are dot paths, as elsewhere.
 */
export function unsafeInputProblems(input: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const pending: { value: unknown; path: string; depth: number; key?: string }[] = [{ value: input, path: '', depth: 0 }];
  for (let next = pending.pop(); next && problems.length < MAX_PROBLEMS; next = pending.pop()) {
    const { value, path, depth, key } = next;
    const field = path || 'body';
    if (key !== undefined && PROTOTYPE_KEYS.has(key)) problems.push({ field, message: `property ${key} should not exist` });
    else if (key !== undefined && UNSTORABLE.test(key))
      problems.push({ field, message: `${field} must not contain NUL characters or unpaired surrogates` });
    else if (value === null) problems.push({ field, message: `${field} must not be null (leave an optional field out)` });
    else if (typeof value === 'string' && UNSTORABLE.test(value))
      problems.push({ field, message: `${field} must not contain NUL characters or unpaired surrogates` });
    else if (typeof value === 'object' && depth >= MAX_BODY_DEPTH)
      problems.push({ field, message: `${field} nests deeper than ${MAX_BODY_DEPTH} levels` });
    else if (typeof value === 'object')
      // Reversed onto the stack, so that problems are listed in the body's order.
      for (const [childKey, child] of Object.entries(value).reverse())
        pending.push({
          value: child,
          path: path ? `${path}.${printable(childKey)}` : printable(childKey),
          depth: depth + 1,
          key: childKey,
        });
  }
  return problems;
}

const hasBody = (request: Request): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * Express middleware right after the JSON body parser, before any route, guard or pipe: a body that is
 * not JSON is 415; a body that is not an object, or what `unsafeInputProblems` finds in the body or the
 * query string, is 400.
 */
export function refuseUnsafeInput(request: Request, _response: Response, next: NextFunction): void {
  if (hasBody(request) && !request.is(['application/json', 'application/*+json'])) {
    const type = request.headers['content-type'] ?? 'none';
    return next(new RequestBodyError('unsupported_media_type', 415, `The request body must be application/json, not ${type}`));
  }
  const body: unknown = request.body;
  const problems = Array.isArray(body)
    ? [{ field: 'body', message: 'body must be a JSON object' }]
    : [...unsafeInputProblems(body ?? {}), ...unsafeInputProblems(request.query)];
  next(problems.length > 0 ? new InvalidInputException(problems) : undefined);
}
