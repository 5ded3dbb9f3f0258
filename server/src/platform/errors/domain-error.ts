/** What went wrong, independent of HTTP; the error handler alone maps a kind to a status code. */
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable';

export interface FieldIssue {
  path: string;
  message: string;
}

/** A domain error: a stable dotted code (`tickets.invalid_transition`), a kind and a readable detail. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** RFC 9457 extension members a client needs beyond the detail (e.g. a rejection's `reason`). */
    readonly extensions: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Builds a factory for one module's error, so each is declared once with its code and kind. */
export function defineError<Args extends unknown[]>(code: string, kind: ErrorKind, describe: (...args: Args) => string) {
  return (...args: Args) => new DomainError(code, kind, describe(...args));
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
