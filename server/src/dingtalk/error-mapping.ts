import { DingTalkError, type DingTalkErrorReason } from './errors';

interface Classification {
  reason: DingTalkErrorReason;
  retryable: boolean;
}

const permanent = (reason: DingTalkErrorReason): Classification => ({ reason, retryable: false });
const retryLater = (reason: DingTalkErrorReason): Classification => ({ reason, retryable: true });

/**
 * Old-API errcodes we act on. DingTalk answers these with HTTP 200, so the errcode is the only
 * signal. Codes not listed are permanent `unknown` failures.
 */
const oapiErrcodes: Record<string, Classification> = {
  '40078': permanent('invalid_auth_code'), // 不存在的临时授权码: unknown, used or expired code
  '60121': permanent('user_not_found'), // 找不到该用户
  '40014': permanent('auth'), // 不合法的access_token
  '42001': permanent('auth'), // access_token 超时
  '40001': permanent('auth'), // gettoken: wrong secret
  '40089': permanent('auth'), // gettoken: 不合法的corpid或corpsecret
  '88': permanent('auth'), // 鉴权异常, detail in sub_code (60011 = no permission for this API)
  '60011': permanent('auth'),
  '60003': permanent('bad_request'), // 部门不存在
  '40035': permanent('bad_request'), // 不合法的参数
  '400002': permanent('bad_request'),
  '-1': retryLater('throttled'), // 系统繁忙: DingTalk asks for a retry
  '90002': retryLater('throttled'), // whole-API ban after too many calls
  '130101': retryLater('throttled'), // robot: more than 20 messages a minute
  '460101': permanent('bad_request'), // robot: message over 20,000 bytes; sending it again cannot help
  '143103': retryLater('throttled'), // per-app QPS limit
  '143104': retryLater('throttled'), // per-app quota limit
};

export function classifyOapiErrcode(errcode: string): Classification {
  return oapiErrcodes[errcode] ?? permanent('unknown');
}

// New-API throttling comes as HTTP 403 (or 429) with codes such as `Forbidden.AccessDenied.QpsLimitForApi`
// or `send.too.fast`; the exact list is not documented, so match on the words.
const throttleCode = /qps|limit|throttl|flow.?control|too.?fast|too.?many/i;

/** Classify a new-API (or any HTTP) failure by status and DingTalk `code`. */
export function classifyHttpFailure(status: number, code: string): Classification {
  if (code === 'InvalidAuthentication' || /^invalidClient/i.test(code)) return permanent('auth');
  if (status === 429 || ((status === 403 || status === 400) && throttleCode.test(code))) return retryLater('throttled');
  if (status >= 500) return retryLater('unavailable');
  if (status === 401 || status === 403) return permanent('auth');
  return permanent('bad_request');
}

export function oapiError(input: { errcode: string; errmsg: string; subCode?: string; requestId?: string; api: string }): DingTalkError {
  // errcode 88 carries the real cause in sub_code; classify by it when we know it.
  const bySub = input.subCode ? oapiErrcodes[input.subCode] : undefined;
  const { reason, retryable } = bySub ?? classifyOapiErrcode(input.errcode);
  const detail = input.subCode ? ` (sub_code ${input.subCode})` : '';
  return new DingTalkError({
    code: input.errcode,
    message: `DingTalk ${input.api} failed: ${input.errmsg}${detail}`,
    reason,
    retryable,
    httpStatus: 200,
    requestId: input.requestId ?? null,
    api: input.api,
  });
}

export function httpError(input: { status: number; code?: string; message?: string; requestId?: string; api: string }): DingTalkError {
  const code = input.code ?? `HTTP_${input.status}`;
  const { reason, retryable } = classifyHttpFailure(input.status, code);
  return new DingTalkError({
    code,
    message: `DingTalk ${input.api} failed with HTTP ${input.status}: ${input.message ?? code}`,
    reason,
    retryable,
    httpStatus: input.status,
    requestId: input.requestId ?? null,
    api: input.api,
  });
}

const timeoutNames = new Set(['TimeoutError', 'AbortError', 'RequestTimeoutError']);

/** No usable answer: timeouts, refused connections, resets, DNS failures. Always worth a retry. */
export function transportError(cause: unknown, api: string): DingTalkError {
  const err = cause as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const isTimeout = typeof err?.name === 'string' && timeoutNames.has(err.name);
  const networkCode = typeof err?.cause?.code === 'string' ? err.cause.code : typeof err?.code === 'string' ? err.code : null;
  const code = isTimeout ? 'timeout' : (networkCode ?? 'network_error');
  return new DingTalkError({
    code,
    message: `DingTalk ${api} could not be reached (${code})`,
    reason: 'unavailable',
    retryable: true,
    httpStatus: null,
    api,
    cause,
  });
}

/** DingTalk answered 2xx, but not in a shape we can read (a missing field, HTML in place of JSON). */
export function invalidResponseError(api: string, httpStatus: number, cause?: unknown): DingTalkError {
  return new DingTalkError({
    code: 'invalid_response',
    message: `DingTalk ${api} answered in an unexpected shape`,
    reason: 'unknown',
    retryable: false,
    httpStatus,
    api,
    cause,
  });
}
