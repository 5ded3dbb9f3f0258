import { DomainError, defineError } from '../../platform/errors/domain-error';

/** DingTalk did not accept the auth code: unknown, already used, or older than five minutes. */
export const invalidAuthCode = defineError('auth.invalid_auth_code', 'unauthenticated', () => 'The DingTalk login code is invalid or expired; open the app again');
/** The person exists but their DingOps account is suspended (e.g. they left the company). */
export const accountSuspended = defineError('auth.account_suspended', 'forbidden', () => 'This account is suspended');
/** Rule S1: IT refused this person's registration; the problem's `reason` member says why, in IT's words. */
export const registrationRejected = (reason: string | null) =>
  new DomainError('auth.registration_rejected', 'forbidden', reason ? `Your registration was not approved: ${reason}` : 'Your registration was not approved', [], reason ? { reason } : {});
