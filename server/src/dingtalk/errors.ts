/**
 * Why a DingTalk call failed, in the terms callers act on:
 * - `invalid_auth_code`: the login code is unknown, used or expired (errcode 40078).
 * - `user_not_found`: no such user in the org (errcode 60121).
 * - `auth`: the app's credentials or token were refused, or the app lacks a permission.
 * - `throttled`: DingTalk asked us to slow down; retry later.
 * - `unavailable`: DingTalk could not be reached or failed on its side; retry later.
 * - `bad_request`: DingTalk refused the request itself (bad parameter, unknown object).
 * - `unknown`: anything else, including answers we could not read.
 */
export type DingTalkErrorReason =
  | 'invalid_auth_code'
  | 'user_not_found'
  | 'auth'
  | 'throttled'
  | 'unavailable'
  | 'bad_request'
  | 'unknown';

export interface DingTalkErrorInit {
  /** DingTalk's own `code` (new API) or `errcode` (old API) as a string; a transport code otherwise. */
  code: string;
  message: string;
  reason: DingTalkErrorReason;
  retryable: boolean;
  /** HTTP status of the answer; null when no answer arrived. Old-API errors arrive with 200. */
  httpStatus: number | null;
  requestId?: string | null;
  /** The API path that failed, for logs. */
  api?: string;
  /** A finer cause within `reason`, e.g. 'too_long' for a message over DingTalk's size cap. */
  detail?: string;
  /** How long DingTalk asks us to wait before trying again, when it says (robot lockouts). */
  retryAfterMs?: number;
  cause?: unknown;
}

/** The one error every DingTalk call throws. `retryable` tells the outbox whether to try again. */
export class DingTalkError extends Error {
  readonly code: string;
  readonly reason: DingTalkErrorReason;
  readonly retryable: boolean;
  readonly httpStatus: number | null;
  readonly requestId: string | null;
  readonly api: string | null;
  readonly detail: string | null;
  readonly retryAfterMs?: number;

  constructor(init: DingTalkErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'DingTalkError';
    this.code = init.code;
    this.reason = init.reason;
    this.retryable = init.retryable;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId ?? null;
    this.api = init.api ?? null;
    this.detail = init.detail ?? null;
    this.retryAfterMs = init.retryAfterMs;
  }
}

export function isDingTalkError(error: unknown): error is DingTalkError {
  return error instanceof DingTalkError;
}

/**
 * Codes that mean "the access token is stale": the client drops its cached token, fetches a new
 * one and retries the call once. 42001 is the old API's "access_token expired".
 */
const staleTokenCodes = new Set(['InvalidAuthentication', '40014', '42001']);

export function isStaleTokenError(error: unknown): error is DingTalkError {
  return isDingTalkError(error) && staleTokenCodes.has(error.code);
}
