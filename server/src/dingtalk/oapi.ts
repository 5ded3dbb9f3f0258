import type { DingTalkError } from './errors';
import { httpError, invalidResponseError, oapiError, transportError } from './error-mapping';

export interface OapiSettings {
  /** e.g. https://oapi.dingtalk.com, no trailing slash needed. */
  oapiBaseUrl: string;
  timeoutMs: number;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/**
 * POST to an old `oapi`/`topapi` endpoint with `?access_token=`. These APIs are not in the
 * official SDK. They answer most failures with HTTP 200 and a non-zero `errcode`, which is
 * thrown here like any other failure. Resolves with the whole body (`result` and friends).
 */
export async function postOapi({ settings, path, body, accessToken }: { settings: OapiSettings; path: string; body: JsonObject; accessToken: string }): Promise<JsonObject> {
  const api = `POST ${path}`;
  // Relative resolution keeps a path prefix on the base URL (e.g. behind a proxy).
  const url = new URL(path.replace(/^\//, ''), withTrailingSlash(settings.oapiBaseUrl));
  url.searchParams.set('access_token', accessToken);

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw transportError(error, api);
  }

  const parsed = parseJson(text);
  if (!response.ok) throw failureFromHttp(response.status, parsed, api);
  if (!isObject(parsed)) throw invalidResponseError(api, response.status);
  const errcode = asString(parsed.errcode);
  if (errcode === undefined) throw invalidResponseError(api, response.status);
  if (errcode !== '0') {
    throw oapiError({
      errcode,
      errmsg: asString(parsed.errmsg) ?? 'unknown error',
      subCode: asString(parsed.sub_code),
      requestId: asString(parsed.request_id),
      api,
    });
  }
  return parsed;
}

function failureFromHttp(status: number, body: unknown, api: string): DingTalkError {
  if (isObject(body) && asString(body.errcode) !== undefined && asString(body.errcode) !== '0') {
    // Some gateways put an errcode body on a non-200 answer; the errcode is the better signal,
    // except for server-side failures which stay retryable.
    const error = oapiError({ errcode: asString(body.errcode) ?? '', errmsg: asString(body.errmsg) ?? `HTTP ${status}`, api });
    if (status < 500 && status !== 429) return error;
  }
  const fields = isObject(body) ? body : {};
  return httpError({ status, code: asString(fields.code), message: asString(fields.message), requestId: asString(fields.requestid), api });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function withTrailingSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
