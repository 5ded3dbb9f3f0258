import { DomainError, defineError } from '../../platform/errors/domain-error';

export const systemNotFound = defineError('access.system_not_found', 'not_found', (id: number) => `No system ${id} in the catalog`);
export const roleNotFound = (id: number) => new DomainError('access.role_not_found', 'invalid', `No role ${id} in the catalog`, [{ path: 'body.roleId', message: 'is not a role in the catalog' }]);
export const systemNameTaken = (name: string) => new DomainError('access.system_name_taken', 'conflict', `A system named ${name} is already in the catalog`, [{ path: 'body.name', message: 'is already in the catalog' }]);
export const roleNameTaken = (name: string) => new DomainError('access.role_name_taken', 'conflict', `This system already has a role named ${name}`, [{ path: 'body.name', message: 'is already a role of this system' }]);
export const unknownPerson = (path: string, userId: string) => new DomainError('access.unknown_person', 'invalid', `${userId} is not a person in the DingTalk directory`, [{ path, message: 'is not a person in the DingTalk directory' }]);
export const requestNotFound = defineError('access.request_not_found', 'not_found', (id: number) => `No access request ${id}`);
export const grantNotFound = defineError('access.grant_not_found', 'not_found', (id: number) => `No grant ${id}`);
export const personNotFound = defineError('access.person_not_found', 'not_found', (userId: string) => `No access history of ${userId} you may see`);
export const taskNotFound = defineError('access.task_not_found', 'not_found', (id: number) => `No IT task ${id}`);

/** Least privilege (rule S2): the role is held already; asking again would grant nothing. */
export const alreadyHeld = (roleName: string) => new DomainError('access.already_held', 'conflict', `You already hold ${roleName}; extend the grant instead of asking again`, [{ path: 'body.roleId', message: 'is already held' }]);
export const alreadyRequested = (id: number) => new DomainError('access.already_requested', 'conflict', `A request for this role is already waiting for approval (#${id})`, [{ path: 'body.roleId', message: 'has a request waiting for approval' }]);
export const daysTooLong = (message: string) => new DomainError('access.days_too_long', 'invalid', `The duration ${message}`, [{ path: 'body.days', message }]);
export const notYourTeam = () => new DomainError('access.not_your_team', 'forbidden', 'Managers may ask only for members of the departments they lead', [{ path: 'body.forUserId', message: 'is not in a department you lead' }]);
export const noApprover = () => new DomainError('access.no_approver', 'invalid', 'Nobody can approve this request: no manager, owner or security lead besides the holder', [{ path: 'body.roleId', message: 'has nobody to approve it' }]);
export const notPending = (status: string) => new DomainError('access.not_pending', 'conflict', `The request is ${status}, not waiting for approval`);
export const grantNotHeld = (status: string) => new DomainError('access.grant_not_held', 'conflict', `The grant is ${status} already`);
export const cannotExtend = () => new DomainError('access.cannot_extend', 'invalid', 'Only a held grant of the same person and role can be extended', [{ path: 'body.extendsGrantId', message: 'is not a held grant of this person and role' }]);
export const taskDone = () => new DomainError('access.task_done', 'conflict', 'The task is done already');
export const notAllowed = defineError('access.not_allowed', 'forbidden', (what: string) => `You may not ${what}`);
