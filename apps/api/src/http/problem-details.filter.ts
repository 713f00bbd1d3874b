import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ConcurrencyExhaustedError } from '@settle/command-pipeline';
import { DomainError, DomainErrorKind } from '@settle/domain';
import { StoreUnavailableError } from '@settle/event-store';
import { Request, Response } from 'express';
import { InvalidInputException } from './invalid-input.exception';
import { RequestBodyError } from './request-body.error';
import { withoutSecrets, withoutSecretsOf } from './secret-redaction';
import { ShuttingDownError } from './request-drain';

/** RFC 9457 problem details. `code` is a stable machine-readable reason; `errors` lists field problems. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: { field: string; message: string }[];
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};

const TITLES: Record<number, string> = {
  400: 'Invalid input',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Business rule broken',
  503: 'Service unavailable',
  500: 'Internal error',
};

/** Every error leaves as application/problem+json (SPEC 7). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request.originalUrl ?? request.url);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (exception instanceof ShuttingDownError) response.setHeader('Connection', 'close');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, url: string): ProblemDetails {
    const problem = (status: number, code: string, detail: string, errors?: ProblemDetails['errors']): ProblemDetails => ({
      type: `urn:settle:problem:${code}`,
      title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
      status,
      // A message may quote the URL (Express's "Cannot GET /path?…"): the secrets of either stay out.
      detail: withoutSecretsOf(url, detail),
      instance: withoutSecrets(url),
      code,
      ...(errors ? { errors } : {}),
    });

    if (exception instanceof InvalidInputException) return problem(400, 'invalid_input', exception.message, exception.errors);
    if (exception instanceof DomainError) {
      const errors = exception.field ? [{ field: exception.field, message: exception.message }] : undefined;
      return problem(STATUS_BY_KIND[exception.kind], exception.code, exception.message, errors);
    }
    if (exception instanceof ConcurrencyExhaustedError) return problem(409, 'concurrency_conflict', exception.message);
    if (exception instanceof StoreUnavailableError)
      return problem(503, 'store_unavailable', 'The event store cannot be reached; retry later');
    if (exception instanceof RequestBodyError) return problem(exception.status, exception.reason, exception.message);
    if (exception instanceof ShuttingDownError) return problem(503, 'shutting_down', exception.message);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return problem(status, HttpStatus[status]?.toLowerCase() ?? 'http_error', exception.message);
    }
    return problem(500, 'internal_error', 'An unexpected error occurred; it has been logged');
  }
}
