import { connect } from 'node:net';
import type { CheckObservation } from '@dingops/shared/rules/probe-outcome';
import { parseHostPort } from '@dingops/shared/rules/probe-outcome';

export interface CheckTarget {
  kind: 'http' | 'tcp';
  target: string;
  method: 'GET' | 'HEAD';
  timeoutMs: number;
}

/** Runs one check; never throws (a failure is an observation with an error). */
export type ProbeRunner = (check: CheckTarget) => Promise<CheckObservation>;

const elapsedSince = (start: number) => Math.max(0, Math.round(performance.now() - start));

/** Node and undici error codes as the alert's summary says them. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const code = (cause as { code?: string }).code ?? (error as { name?: string }).name;
  switch (code) {
    case 'TimeoutError':
    case 'AbortError':
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return `连接超时（${timeoutMs} ms）`;
    case 'ECONNREFUSED':
      return '连接被拒绝';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return '域名无法解析';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return '连接被重置';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return '网络不可达';
    default: {
      const message = cause instanceof Error ? cause.message : String(cause);
      if (/certificate|self[- ]signed|SSL|TLS/i.test(message)) return `TLS 证书错误：${message}`.slice(0, 300);
      return `请求失败：${message}`.slice(0, 300);
    }
  }
}

/**
 * HTTP(S): time to response headers; the body is cancelled unread and redirects are not followed
 * (a 301 is judged against the expected status like any other code).
 */
async function checkHttp({ target, method, timeoutMs }: CheckTarget): Promise<CheckObservation> {
  const start = performance.now();
  try {
    const response = await fetch(target, { method, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'DingOps-probe/1.0', accept: '*/*' } });
    const responseMs = elapsedSince(start);
    await response.body?.cancel().catch(() => undefined);
    return { statusCode: response.status, responseMs, error: null };
  } catch (error) {
    return { statusCode: null, responseMs: null, error: describeFailure(error, timeoutMs) };
  }
}

/** TCP: a connect, timed, then closed at once. */
function checkTcp({ target, timeoutMs }: CheckTarget): Promise<CheckObservation> {
  const address = parseHostPort(target);
  if (!address) return Promise.resolve({ statusCode: null, responseMs: null, error: `目标不是 host:port：${target}` });
  const start = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: address.host, port: address.port });
    const finish = (observation: CheckObservation) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(observation);
    };
    const timer = setTimeout(() => finish({ statusCode: null, responseMs: null, error: describeFailure({ code: 'ETIMEDOUT' }, timeoutMs) }), timeoutMs);
    socket.once('connect', () => finish({ statusCode: null, responseMs: elapsedSince(start), error: null }));
    socket.once('error', (error) => finish({ statusCode: null, responseMs: null, error: describeFailure(error, timeoutMs) }));
  });
}

export const runCheck: ProbeRunner = (check) => (check.kind === 'http' ? checkHttp(check) : checkTcp(check));
