import { DomainError, defineError } from '../../platform/errors/domain-error';

/** No schedule with this id. */
export const scheduleNotFound = defineError('oncall.schedule_not_found', 'not_found', (id: string) => `No on-call schedule ${id}`);
/** No override with this id on the schedule. */
export const overrideNotFound = defineError('oncall.override_not_found', 'not_found', (id: string) => `No override ${id} on this schedule`);
/** No escalation policy with this id. */
export const policyNotFound = defineError('oncall.policy_not_found', 'not_found', (id: string) => `No escalation policy ${id}`);

/**
 * Someone put on call who is not active IT staff (it_staff or it_admin): a page to them would reach
 * nobody able to act. Names each offending field, e.g. `body.members.1`.
 */
export const notItStaff = (paths: string[]) =>
  new DomainError(
    'oncall.not_it_staff',
    'invalid',
    'Only active IT staff can be on call',
    paths.map((path) => ({ path, message: 'is not active IT staff (it_staff or it_admin)' })),
  );
