import { DrizzleQueryError } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, markFromDatabase } from './connection-errors';

/** A server error as node-postgres builds it from Postgres' ErrorResponse. */
function serverError(code: string, message: string, severity = 'FATAL') {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = severity;
  return error;
}

/** A socket error as Node's net module gives it. */
function socketError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect', address: '127.0.0.1', port: 5432 });
}

describe('which database errors mean "unavailable, retry later"', () => {
  it('P2: a restart, a crash, start-up, shut-down and a full server are unavailable', () => {
    expect(isDatabaseUnavailable(serverError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('57P02', 'terminating connection because of crash of another server process'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isDatabaseUnavailable(serverError('08006', 'connection failure'))).toBe(true);
  });

  it('P2: a dropped connection, a refused one and a pool checkout that timed out are unavailable', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(markFromDatabase(socketError('ECONNREFUSED')))).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], socketError('ECONNRESET')))).toBe(true);
    expect(isDatabaseUnavailable(markFromDatabase(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')], 'connect failed')))).toBe(true);
  });

  it('a bad statement, a constraint, a statement timeout and a bug are not', () => {
    expect(isDatabaseUnavailable(serverError('23505', 'duplicate key value violates unique constraint', 'ERROR'))).toBe(false);
    expect(isDatabaseUnavailable(serverError('42P01', 'relation "nope" does not exist', 'ERROR'))).toBe(false);
    expect(isDatabaseUnavailable(serverError('57014', 'canceling statement due to statement timeout', 'ERROR'))).toBe(false);
    expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], serverError('22P02', 'invalid input syntax', 'ERROR')))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it('a socket error from somewhere else (DingTalk, a probe) is not the database', () => {
    expect(isDatabaseUnavailable(socketError('ECONNREFUSED'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('fetch failed', { cause: socketError('ECONNRESET') }))).toBe(false);
  });
});
