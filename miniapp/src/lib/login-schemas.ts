// The answers the login page reads, checked with shape.ts rather than zod: the shared schemas are
// built with zod's full API, which would be the biggest part of the first download. Each mirrors
// its shared schema, and the type checks at the end fail when the two drift apart.
import type { PublicConfig, SandboxPersonAccess, Session } from '@dingops/shared/auth';
import type { Problem } from '@dingops/shared/problem';
import { assignableRoleNames, roleNames } from '@dingops/shared/role-names';
import type { User } from '@dingops/shared/users';
import { array, boolean, integer, literal, nullable, number, object, optional, positiveInteger, string, type ShapeOutput } from './shape';

const userStatus = literal('active', 'pending', 'suspended', 'rejected');

export const loginUserSchema = object({
  id: string,
  dingtalkUserId: string,
  name: string,
  title: nullable(string),
  avatarUrl: nullable(string),
  departments: array(object({ id: integer, name: string, isLeader: boolean })),
  roles: array(literal(...roleNames)),
  isManager: boolean,
  status: userStatus,
  lastLoginAt: nullable(string),
});

const sessionFields = {
  token: string,
  tokenType: literal('Bearer'),
  expiresAt: string,
  expiresIn: positiveInteger,
  user: loginUserSchema,
};
export const loginSessionSchema = object(sessionFields);

/** What this device stores: the session plus when it expires by the device's own clock. */
export const storedSessionSchema = object({ ...sessionFields, localExpiresAt: number });

export const publicConfigLoginSchema = object({
  mode: literal('sandbox', 'live'),
  corpId: string,
  clientId: string,
  agentId: string,
  sandboxApiUrl: nullable(string),
});

export const sandboxAccessLoginSchema = object({
  people: array(
    object({
      dingtalkUserId: string,
      granted: array(literal(...assignableRoleNames)),
      isDepartmentLeader: nullable(boolean),
      status: nullable(userStatus),
    }),
  ),
});

export const problemLoginSchema = object({
  type: string,
  title: string,
  status: integer,
  detail: optional(string),
  code: string,
  instance: optional(string),
  errors: optional(array(object({ path: string, message: string }))),
  reason: optional(string),
});

// Compile-time only: each check gives exactly its shared type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const mirrors: [
  Same<ShapeOutput<typeof loginUserSchema>, User>,
  Same<ShapeOutput<typeof loginSessionSchema>, Session>,
  Same<ShapeOutput<typeof publicConfigLoginSchema>, PublicConfig>,
  Same<ShapeOutput<typeof sandboxAccessLoginSchema>['people'][number], SandboxPersonAccess>,
  Same<ShapeOutput<typeof problemLoginSchema>, Problem>,
] = [true, true, true, true, true];
void mirrors;
