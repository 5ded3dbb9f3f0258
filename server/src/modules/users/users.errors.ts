import { defineError } from '../../platform/errors/domain-error';

/** An admin tried to suspend their own account, which would end their session mid-task; ask another admin. */
export const cannotSuspendSelf = defineError('users.cannot_suspend_self', 'conflict', () => 'You cannot suspend your own account; ask another admin');
/** The account is suspended already (by an admin, or because the person left in DingTalk). */
export const alreadySuspended = defineError('users.already_suspended', 'conflict', () => 'This account is already suspended');
/** Only a suspended account can be reactivated. */
export const notSuspended = defineError('users.not_suspended', 'conflict', () => 'This account is not suspended');
/** Rule S1: only a person waiting for registration review can be activated or rejected. */
export const notPending = defineError('users.not_pending', 'conflict', (status: string) => `This account is not waiting for review (it is ${status})`);
