import { describe, expect, it } from 'vitest';
import { classifyHttpFailure, classifyOapiErrcode, oapiError, transportError } from './error-mapping';
import { isStaleTokenError } from './errors';

describe('DingTalk error classification', () => {
  it.each([
    ['40078', 'invalid_auth_code', false],
    ['60121', 'user_not_found', false],
    ['40014', 'auth', false],
    ['88', 'auth', false],
    ['130101', 'throttled', true],
    ['143103', 'throttled', true],
    ['143104', 'throttled', true],
    ['-1', 'throttled', true],
    ['90002', 'throttled', true],
    ['60003', 'bad_request', false],
    ['123456', 'unknown', false],
  ] as const)('errcode %s is %s (retryable: %s)', (errcode, reason, retryable) => {
    expect(classifyOapiErrcode(errcode)).toEqual({ reason, retryable });
  });

  it.each([
    [400, 'InvalidAuthentication', 'auth', false],
    [400, 'invalidClientSecret', 'auth', false],
    [400, 'invalidParameter.msgKey.invalid', 'bad_request', false],
    [403, 'Forbidden.AccessDenied.QpsLimitForApi', 'throttled', true],
    [403, 'Forbidden.AccessDenied.AccessTokenPermissionDenied', 'auth', false],
    [400, 'send.too.fast', 'throttled', true],
    [429, 'HTTP_429', 'throttled', true],
    [404, 'InvalidAction.NotFound', 'bad_request', false],
    [500, 'InternalError', 'unavailable', true],
    [503, 'HTTP_503', 'unavailable', true],
  ] as const)('HTTP %i %s is %s (retryable: %s)', (status, code, reason, retryable) => {
    expect(classifyHttpFailure(status, code)).toEqual({ reason, retryable });
  });

  it('errcode 88 is classified by its sub_code', () => {
    const error = oapiError({ errcode: '88', errmsg: '鉴权异常', subCode: '60011', api: 'POST /topapi/x' });

    expect(error).toMatchObject({ code: '88', reason: 'auth', retryable: false, httpStatus: 200 });
    expect(error.message).toContain('60011');
  });

  it('a stale token is recognised on both hosts', () => {
    expect(isStaleTokenError(oapiError({ errcode: '40014', errmsg: '不合法的access_token', api: 'x' }))).toBe(true);
    expect(isStaleTokenError(oapiError({ errcode: '60121', errmsg: '找不到该用户', api: 'x' }))).toBe(false);
  });

  it('timeouts and refused connections are retryable and carry no HTTP status', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });

    expect(transportError(timeout, 'x')).toMatchObject({ code: 'timeout', reason: 'unavailable', retryable: true, httpStatus: null });
    expect(transportError(refused, 'x')).toMatchObject({ code: 'ECONNREFUSED', reason: 'unavailable', retryable: true });
  });
});
