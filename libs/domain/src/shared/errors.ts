/**
 * Why a command was refused. The kind decides the HTTP status at the edge:
 * validation → 400, not_found → 404, conflict → 409, rule → 422.
 */
export type DomainErrorKind = 'validation' | 'not_found' | 'conflict' | 'rule';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine-readable code, e.g. `currency_mismatch`, `over_allocation`. */
    readonly code: string,
    message: string,
    /** Offending field (dot path) for validation errors. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, field?: string) => new DomainError('validation', code, message, field);
export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const ruleBroken = (code: string, message: string, field?: string) => new DomainError('rule', code, message, field);
