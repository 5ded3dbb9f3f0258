import { z } from 'zod';

// The sandbox's own API is a development tool, not part of the DingOps contract, so its shapes
// live here rather than in shared/ and accept the small variations a stand-in may have.
export const sandboxPersonSchema = z.object({
  userId: z.string(),
  name: z.string(),
  title: z.string().nullish(),
  avatarUrl: z.string().nullish(),
  departments: z.array(z.object({ id: z.union([z.number(), z.string()]), name: z.string(), isLeader: z.boolean().default(false) })).default([]),
});
export type SandboxPerson = z.infer<typeof sandboxPersonSchema>;

export const sandboxPeopleSchema = z.object({ people: z.array(sandboxPersonSchema) });
export const sandboxAuthCodeSchema = z.object({ authCode: z.string().min(1) });
