import { type NextFunction, type Request, type Response } from 'express';

/**
 * A body Express could not parse (malformed JSON, too large). Raised by the body parser before any
 * route runs; wrapped so Nest passes it to the problem filter instead of a generic 400.
 */
export class RequestBodyError extends Error {
  constructor(
    readonly reason: 'malformed_json' | 'body_too_large' | 'unreadable_body',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

interface BodyParserError {
  type: string;
  status: number;
  message: string;
}
const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as BodyParserError).type === 'string' &&
  typeof (error as BodyParserError).status === 'number';

/** Express error middleware placed right after the body parser. */
export function wrapBodyParserErrors(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  if (!isBodyParserError(error)) return next(error);
  if (error.type === 'entity.parse.failed') return next(new RequestBodyError('malformed_json', 400, 'The request body is not valid JSON'));
  if (error.type === 'entity.too.large')
    return next(new RequestBodyError('body_too_large', 413, 'The request body is larger than this service accepts'));
  next(new RequestBodyError('unreadable_body', error.status, error.message));
}
