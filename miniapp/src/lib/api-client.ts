import type { Session } from '@dingops/shared/auth';
import type { Problem } from '@dingops/shared/problem';
import type { User } from '@dingops/shared/users';
import { env } from '../config/env';
import { hasMessage, t, type MessageKey } from './i18n';
import { problemLoginSchema, storedSessionSchema } from './login-schemas';

/** Every failed call, ours or the sandbox's, as one typed value. `status` 0 means no answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? code);
    this.name = 'ApiError';
  }
}

// --- session: the token lives here and nowhere else -------------------------------------------

const sessionKey = `${env.storagePrefix}.session`;
/** Treat a token as expired a little early so a request never races its expiry. */
const expirySkewMs = 30_000;
const sessionListeners = new Set<() => void>();
/** The session plus when it expires by this device's clock (from expiresIn, so a phone's wrong clock does not matter). */
type StoredSession = Session & { localExpiresAt: number };
let onUnauthorized: () => void = () => {};

function isUnexpired(candidate: StoredSession): boolean {
  return candidate.localExpiresAt - expirySkewMs > Date.now();
}

function readStoredSession(): StoredSession | null {
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null'));
    return parsed.success && isUnexpired(parsed.data) ? parsed.data : null;
  } catch {
    return null;
  }
}

let session: StoredSession | null = readStoredSession();

function storeSession(next: StoredSession | null): void {
  session = next;
  try {
    if (next) sessionStorage.setItem(sessionKey, JSON.stringify(next));
    else sessionStorage.removeItem(sessionKey);
  } catch {
    // storage disabled: the session still lives in memory for this page
  }
  sessionListeners.forEach((listener) => listener());
}

/** The current session, or null when there is none or it has expired. */
export function getSession(): Session | null {
  return session && isUnexpired(session) ? session : null;
}

export const setSession = (next: Session): void => storeSession({ ...next, localExpiresAt: Date.now() + next.expiresIn * 1000 });
export const clearSession = (): void => storeSession(null);

/** Keep the stored user fresh (roles change) without touching the token. */
export function updateSessionUser(user: User): void {
  if (session) storeSession({ ...session, user });
}

export function subscribeSession(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Called after a 401 or an expired token, once the session is cleared (the app routes to login). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

// --- requests ---------------------------------------------------------------------------------

type Query = Record<string, string | number | undefined | null>;

/**
 * What checks an answer: a zod schema, or a lib/shape check (the login page's, which keeps zod out
 * of the first download). Both parse with safeParse.
 */
export type Schema = { safeParse(data: unknown): { success: true; data: unknown } | { success: false } };
/** The value a schema gives. */
type output<S> = S extends { safeParse(data: unknown): infer R } ? Extract<R, { success: true }> extends { data: infer T } ? T : never : never;

export type RequestOptions<S extends Schema> = {
  schema: S;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Send the bearer token (default). Login calls turn this off. */
  auth?: boolean;
  /** Skip the toast; the caller shows the error in the page instead. */
  silent?: boolean;
};

function statusMessageKey(status: number): MessageKey {
  if (status === 0) return 'error.network';
  if (status === 401) return 'error.unauthorized';
  if (status === 403) return 'error.forbidden';
  if (status === 404) return 'error.notFound';
  if (status === 409) return 'error.conflict';
  if (status === 429) return 'error.tooManyRequests';
  if (status >= 400 && status < 500) return 'error.badRequest';
  return 'error.server';
}

/** The toast text for an error: a known server code first, else a message for its status. */
export function describeApiError(error: ApiError): string {
  const codeKey = `problem.${error.code}`;
  if (hasMessage(codeKey)) return t(codeKey);
  if (error.code === 'client.invalid_response') return t('error.invalidResponse');
  return t(statusMessageKey(error.status));
}

function withQuery(url: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** What goes over the wire: JSON, or a multipart form (the browser writes its Content-Type with the boundary). */
type Payload = { json: unknown } | { form: FormData } | null;

function payloadOf(options: RequestOptions<Schema>): Payload {
  return options.body === undefined ? null : { json: options.body };
}

type RawOptions = { method?: string; payload: Payload; accept: string; signal?: AbortSignal };

/** One fetch with our headers; a non-2xx answer becomes an ApiError carrying its problem+json. */
async function fetchChecked(url: string, { method, payload, accept, signal }: RawOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  if (payload && 'json' in payload) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: method ?? 'GET',
      headers,
      body: payload === null ? undefined : 'json' in payload ? JSON.stringify(payload.json) : payload.form,
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'client.network', null);
  }
  if (!response.ok) {
    const problem = problemLoginSchema.safeParse(await readBody(response));
    throw new ApiError(response.status, problem.success ? problem.data.code : `http.${response.status}`, problem.success ? problem.data : null);
  }
  return response;
}

const jsonAccept = 'application/json, application/problem+json';

async function send<S extends Schema>(url: string, options: RequestOptions<S>, token: string | null, payload: Payload = payloadOf(options)): Promise<output<S>> {
  const response = await fetchChecked(withQuery(url, options.query), { method: options.method, payload, accept: jsonAccept, signal: options.signal }, token);
  const parsed = options.schema.safeParse(await readBody(response));
  if (!parsed.success) throw new ApiError(response.status, 'client.invalid_response', null);
  return parsed.data as output<S>;
}

/** The toast loads with its animation library on the first error, not with the login page. */
function showErrorToast(error: ApiError): void {
  void import('./toast').then(({ Toast }) => Toast.show({ content: describeApiError(error) }));
}

function report(error: unknown, options: { silent?: boolean }): never {
  if (error instanceof ApiError && !options.silent) showErrorToast(error);
  throw error;
}

/** Runs a call with the session's token; a 401 (or no session) clears the session and routes to login. */
async function withToken<T>(useAuth: boolean, options: { silent?: boolean }, call: (token: string | null) => Promise<T>): Promise<T> {
  const current = useAuth ? getSession() : null;
  try {
    if (useAuth && !current) throw new ApiError(401, 'client.session_expired', null);
    return await call(current?.token ?? null);
  } catch (error) {
    if (useAuth && error instanceof ApiError && error.status === 401) {
      clearSession();
      onUnauthorized();
    }
    return report(error, options);
  }
}

/** Call the DingOps API (`path` under /api/v1), parse the answer with a shared schema. */
export function apiRequest<S extends Schema>(path: string, options: RequestOptions<S>): Promise<output<S>> {
  return withToken(options.auth ?? true, options, (token) => send(`${env.apiBaseUrl}${path}`, options, token));
}

export type UploadOptions<S extends Schema> = Pick<RequestOptions<S>, 'schema' | 'signal' | 'silent'> & {
  file: File;
  /** The multipart field the endpoint reads. */
  field?: string;
};

/** POST one file as multipart/form-data to the DingOps API (`path` under /api/v1); the answer is JSON like any other. */
export function apiUpload<S extends Schema>(path: string, { file, field = 'file', ...options }: UploadOptions<S>): Promise<output<S>> {
  const form = new FormData();
  form.append(field, file, file.name);
  return withToken(true, options, (token) => send(`${env.apiBaseUrl}${path}`, { ...options, method: 'POST' }, token, { form }));
}

/** The API's origin: files the API links to (`/api/v1/...`) are resolved against it. */
function apiOrigin(): string {
  return new URL(env.apiBaseUrl, window.location.href).origin;
}

/**
 * GET a file the API linked to (an attachment's `url`) as a Blob, with the token, so the page can
 * show it through an object URL; a bare <img src> would carry no token. Only the API's own origin
 * gets the token.
 */
export function apiDownload(url: string, options: { signal?: AbortSignal; silent?: boolean } = {}): Promise<Blob> {
  return withToken(true, options, async (token) => {
    const target = new URL(url, apiOrigin());
    if (target.origin !== apiOrigin()) throw new ApiError(0, 'client.foreign_url', null);
    const response = await fetchChecked(target.href, { payload: null, accept: '*/*', signal: options.signal }, token);
    try {
      return await response.blob();
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw new ApiError(0, 'client.network', null);
    }
  });
}

/** Call another origin (the DingTalk sandbox's own API). Never carries the DingOps token. */
export async function externalRequest<S extends Schema>(url: string, options: Omit<RequestOptions<S>, 'auth'>): Promise<output<S>> {
  try {
    return await send(url, options, null);
  } catch (error) {
    return report(error, options);
  }
}
