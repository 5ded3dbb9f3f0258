import { DrizzleQueryError } from 'drizzle-orm';

/**
 * SQLSTATEs that mean "the database is not there right now", not "this statement is wrong": class 08
 * (connection exceptions), 57P01–57P03 (shut down by an administrator or a crash, or still starting
 * up / shutting down) and 53300 (no connection slot free).
 */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);

/** Socket failures on the way to the server; they count only for errors known to come from the database. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** node-postgres' own messages for a connection that died, could not be made in time, or was already dead. */
const driverMessages = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /is not queryable$/, /^Query read timeout$/];

const fromDatabase = Symbol('dingops.fromDatabase');

/** Marks an error thrown by a database call (pool checkout, LISTEN, lock connection) so a socket code in it is read as the database's. */
export function markFromDatabase<E>(error: E): E {
  if (error && typeof error === 'object' && !(fromDatabase in error)) Object.defineProperty(error, fromDatabase, { value: true });
  return error;
}

interface ErrorLike {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether `error` says the database could not be reached or dropped the connection — a transient
 * condition callers answer with 503 and a retry — as opposed to a bad statement or a bug. Follows
 * `cause` (drizzle wraps driver errors) and AggregateError's `errors` (one per address tried).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return check(error, false, 0);
}

function check(error: unknown, knownDatabase: boolean, depth: number): boolean {
  if (!error || typeof error !== 'object' || depth > 6) return false;
  const { code, severity, message, cause, errors } = error as ErrorLike;
  const isDatabase = knownDatabase || fromDatabase in error || error instanceof DrizzleQueryError;
  if (typeof code === 'string' && typeof severity === 'string' && (code.startsWith('08') || unavailableStates.has(code))) return true;
  if (isDatabase && typeof code === 'string' && socketCodes.has(code)) return true;
  if (typeof message === 'string' && driverMessages.some((pattern) => pattern.test(message))) return true;
  if (Array.isArray(errors) && errors.some((inner) => check(inner, isDatabase, depth + 1))) return true;
  return check(cause, isDatabase, depth + 1);
}
