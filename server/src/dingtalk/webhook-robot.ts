import { DingTalkError } from './errors';
import { classifyOapiErrcode, httpError, invalidResponseError, transportError } from './error-mapping';
import type { WebhookMessage } from './messaging-wire';
import { signWebhookRequest } from './webhook-robot-sign';

export interface WebhookMessageInput {
  /** The robot's webhook, `https://oapi.dingtalk.com/robot/send?access_token=…`. A secret: never log it. */
  webhookUrl: string;
  /** The robot's signing secret ('SEC…'), when its security setting is signing. */
  secret?: string;
  body: WebhookMessage;
}

/** A custom robot takes 20 messages a minute, then refuses everything for 10 minutes. */
export const webhookRobotPenaltyMs = 10 * 60 * 1000;

// The URL carries the robot's token, so errors and logs name the path only.
const api = 'POST /robot/send';

interface WebhookFailure {
  reason: DingTalkError['reason'];
  retryable: boolean;
  detail?: string;
}

/** Custom-robot errcodes (HTTP 200). Others fall back to the shared old-API table. */
const webhookErrcodes: Record<string, WebhookFailure> = {
  '130101': { reason: 'throttled', retryable: true, detail: 'rate_limited' }, // send too fast, exceed 20 times per minute
  '460101': { reason: 'bad_request', retryable: false, detail: 'too_long' }, // message too long, exceed 20000 bytes
  '310000': { reason: 'auth', retryable: false, detail: 'security_check' }, // sign not match / keywords not in content / IP
  '300001': { reason: 'auth', retryable: false, detail: 'unknown_token' }, // token is not exist
  '300005': { reason: 'auth', retryable: false, detail: 'unknown_token' }, // token is not exist (external groups)
};

/** The custom (webhook) group robot: plain HTTP, signed when the robot has a secret. */
export function createWebhookRobot({ timeoutMs, now = Date.now, throttlePenaltyMs = webhookRobotPenaltyMs }: { timeoutMs: number; now?: () => number; throttlePenaltyMs?: number }) {
  return {
    async sendWebhookMessage(input: WebhookMessageInput): Promise<void> {
      const url = signedUrl(input, now);
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json;charset=utf-8', accept: 'application/json' },
          body: JSON.stringify(input.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        throw transportError(error, api);
      }
      const parsed = parseObject(text);
      if (!response.ok) {
        throw httpError({ status: response.status, code: stringOf(parsed?.code), message: stringOf(parsed?.message), api });
      }
      const errcode = stringOf(parsed?.errcode);
      if (errcode === undefined) throw invalidResponseError(api, response.status);
      if (errcode !== '0') throw webhookError(errcode, stringOf(parsed?.errmsg) ?? 'unknown error', throttlePenaltyMs);
    },
  };
}

function signedUrl(input: WebhookMessageInput, now: () => number): URL {
  let url: URL;
  try {
    url = new URL(input.webhookUrl);
  } catch (error) {
    throw new DingTalkError({ code: 'invalid_input', message: 'The robot webhook URL is not a URL', reason: 'bad_request', retryable: false, httpStatus: null, api, cause: error });
  }
  if (input.secret) {
    const timestamp = String(now());
    // URLSearchParams encodes the Base64 sign ('+', '/', '=') exactly once; DingTalk refuses a double encoding.
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('sign', signWebhookRequest(input.secret, timestamp));
  }
  return url;
}

function webhookError(errcode: string, errmsg: string, penaltyMs: number): DingTalkError {
  const known = webhookErrcodes[errcode];
  const { reason, retryable } = known ?? classifyOapiErrcode(errcode);
  return new DingTalkError({
    code: errcode,
    message: `DingTalk ${api} failed: ${errmsg}`,
    reason,
    retryable,
    httpStatus: 200,
    api,
    ...(known?.detail ? { detail: known.detail } : {}),
    ...(errcode === '130101' ? { retryAfterMs: penaltyMs } : {}),
  });
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
