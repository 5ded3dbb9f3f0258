import { z } from 'zod';

/** RFC 9457 problem details, as every DingOps error is answered. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** Extension member of `auth.registration_rejected`: the reason IT gave. */
  reason: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;
