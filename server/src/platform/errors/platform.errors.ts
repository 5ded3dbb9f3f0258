import { DomainError, type FieldIssue, defineError } from './domain-error';

/** No bearer token, or it is expired, forged or for a suspended account. */
export const notAuthenticated = defineError('auth.not_authenticated', 'unauthenticated', (detail: string) => detail);
/** The caller is logged in but none of their roles may use this route. */
export const forbidden = defineError('auth.forbidden', 'forbidden', (needed: readonly string[]) => `This needs one of the roles: ${needed.join(', ')}`);
/** Rule S1: the person logged in, but IT has not yet verified their registration; only /me answers them. */
export const accountPending = defineError('auth.account_pending', 'forbidden', () => 'Your account is waiting for review by the IT department (信息部门)');
/** No route answers this method and URL. */
export const routeNotFound = defineError('http.not_found', 'not_found', (method: string, url: string) => `No route ${method} ${url}`);
/** The caller sent too many requests. */
export const rateLimited = defineError('http.rate_limited', 'rate_limited', (retryAfter: string) => `Too many requests; retry in ${retryAfter}`);
/** DingTalk (or the sandbox) could not be reached or answered with a server error. */
export const dingtalkUnavailable = defineError('dingtalk.unavailable', 'unavailable', (detail: string) => `DingTalk is unavailable: ${detail}`);
/** A string (or key) in the request holds U+0000 or a lone UTF-16 surrogate, which cannot be stored; `issues` names each field. */
export const unstorableText = (issues: FieldIssue[]) =>
  new DomainError('http.unstorable_text', 'invalid', 'Some text holds characters that cannot be stored (U+0000 or an unpaired surrogate)', issues);
/** The request nests arrays or objects deeper than any DingOps schema does; `issues` says where. */
export const nestedTooDeep = (issues: FieldIssue[]) => new DomainError('http.nested_too_deep', 'invalid', 'The request is nested deeper than the API accepts', issues);
/** The database could not be reached or dropped the connection (a restart, a failover): nothing was done, and the request may be sent again. */
export const databaseUnavailable = defineError('database.unavailable', 'unavailable', () => 'The database is unavailable for a moment; nothing was changed, try again shortly');
