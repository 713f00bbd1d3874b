import { type NextFunction, type Request, type Response } from 'express';

/**
 * A body Express could not read or parse (malformed JSON, too large, corrupt compression, not JSON).
 * Raised before any route runs; wrapped so Nest passes it to the problem filter instead of a generic error.
 */
export class RequestBodyError extends Error {
  constructor(
    readonly reason: 'malformed_json' | 'body_too_large' | 'unreadable_body' | 'unsupported_encoding' | 'unsupported_media_type',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

/** An error of the body parser (http-errors): a status, and a `type` for the ones it names. */
interface BodyParserError {
  type?: string;
  status: number;
  message: string;
}
const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' && error !== null && typeof (error as BodyParserError).status === 'number';

/**
 * Express error middleware placed right after the body parser. Any client error it raises is a body
 * problem: besides those it names, a compressed body that does not inflate (zlib's Z_DATA_ERROR,
 * brotli's errors) or a body shorter than announced.
 */
export function wrapBodyParserErrors(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  if (!isBodyParserError(error) || error.status < 400 || error.status >= 500) return next(error);
  switch (error.type) {
    case 'entity.parse.failed':
      return next(new RequestBodyError('malformed_json', 400, 'The request body is not valid JSON'));
    case 'entity.too.large':
      return next(new RequestBodyError('body_too_large', 413, 'The request body is larger than this service accepts'));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return next(new RequestBodyError('unsupported_encoding', 415, error.message));
    default:
      return next(
        new RequestBodyError('unreadable_body', 400, 'The request body cannot be read (corrupt compression, or shorter than announced)'),
      );
  }
}
