import { defineError } from '../../../platform/errors/domain-error';

/** No robot with this id in the chat's pool (it was removed, or belongs to another chat). */
export const poolRobotNotFound = defineError('alerts.pool_robot_not_found', 'not_found', (id: string) => `No pool robot ${id} in this chat`);

/** Robot names are unique within a chat, so admins can tell the pool's robots apart. */
export const poolRobotNameTaken = defineError('alerts.pool_robot_name_taken', 'conflict', (name: string) => `This chat already has a pool robot named "${name}"`);
