import { defineError } from '../errors/domain-error';

/** No DingOps user has this id. */
export const userNotFound = defineError('users.not_found', 'not_found', (id: string) => `No user ${id}`);
/** An admin tried to remove their own it_admin role, which could leave nobody able to manage roles. */
export const cannotDropOwnAdmin = defineError('users.cannot_drop_own_admin', 'conflict', () => 'You cannot remove your own IT admin role; ask another admin');
