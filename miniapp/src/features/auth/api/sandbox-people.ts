import { array, boolean, nonEmptyString, nullable, number, object, optional, string, union, type ShapeOutput } from '../../../lib/shape';

// The sandbox's own API is a development tool, not part of the DingOps contract, so its shapes
// live here rather than in shared/ and accept the small variations a stand-in may have. Checked
// with lib/shape, not zod: the login page reads them, and zod stays out of its first download.
export const sandboxPersonSchema = object({
  userId: string,
  name: string,
  title: optional(nullable(string)),
  avatarUrl: optional(nullable(string)),
  departments: optional(array(object({ id: union(number, string), name: string, isLeader: optional(boolean, false) })), []),
});
export type SandboxPerson = ShapeOutput<typeof sandboxPersonSchema>;

export const sandboxPeopleSchema = object({ people: array(sandboxPersonSchema) });
export const sandboxAuthCodeSchema = object({ authCode: nonEmptyString });
