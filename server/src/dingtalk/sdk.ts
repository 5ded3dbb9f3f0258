import { DingTalkError } from './errors';
import { httpError, transportError } from './error-mapping';

type DingTalkSdk = typeof import('@alicloud/dingtalk');
type OpenApiClientModule = typeof import('@alicloud/openapi-client');
export type OpenApiConfig = InstanceType<OpenApiClientModule['Config']>;
export type OAuthClient = InstanceType<DingTalkSdk['oauth2_1_0']['default']>;

export interface SdkSettings {
  /** host[:port], no scheme: it becomes both the URL host and the Host header. */
  apiEndpoint: string;
  apiProtocol: 'https' | 'http';
  timeoutMs: number;
}

interface LoadedSdk {
  sdk: DingTalkSdk;
  Config: OpenApiClientModule['Config'];
}

let loading: Promise<LoadedSdk> | null = null;

/**
 * The SDK package loads every one of its ~115 API clients at once (about half a second to a
 * second), so it is imported on first use rather than at server start. Only the package root
 * works in native ESM; its subpath entry points do not.
 */
export function loadSdk(): Promise<LoadedSdk> {
  loading ??= Promise.all([import('@alicloud/dingtalk'), import('@alicloud/openapi-client')]).then(
    ([sdk, openApi]) => ({ sdk, Config: openApi.Config }),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * The SDK's own default protocol is plain HTTP for every operation, so production must say
 * `https` explicitly; the sandbox is reached with `http`.
 */
export function createSdkConfig(Config: OpenApiClientModule['Config'], settings: SdkSettings): OpenApiConfig {
  return new Config({
    endpoint: settings.apiEndpoint,
    protocol: settings.apiProtocol,
    readTimeout: settings.timeoutMs,
    connectTimeout: settings.timeoutMs,
  });
}

interface SdkFailure {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  data?: { code?: unknown; message?: unknown; requestid?: unknown } | null;
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Turn whatever the SDK threw into a DingTalkError. The SDK throws `{code, statusCode, data}` for
 * any 4xx/5xx JSON answer (`code` is the string "undefined" when the body had none), a
 * SyntaxError when an error page is not JSON, and httpx's raw errors for timeouts and sockets.
 */
export function errorFromSdk(error: unknown, api: string): DingTalkError {
  if (error instanceof DingTalkError) return error;
  const failure = (error ?? {}) as SdkFailure;
  if (typeof failure.statusCode === 'number') {
    const code = asString(failure.data?.code) ?? (failure.code === 'undefined' ? undefined : asString(failure.code));
    return httpError({
      status: failure.statusCode,
      code,
      message: asString(failure.data?.message),
      requestId: asString(failure.data?.requestid),
      api,
    });
  }
  if (error instanceof SyntaxError) {
    // Something in front of DingTalk (a proxy, a wrong endpoint) answered with a non-JSON page.
    return new DingTalkError({
      code: 'invalid_response',
      message: `DingTalk ${api} answered with something other than JSON`,
      reason: 'unavailable',
      retryable: true,
      httpStatus: null,
      api,
      cause: error,
    });
  }
  return transportError(error, api);
}
