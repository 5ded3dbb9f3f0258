import { z } from 'zod';

const pageQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const idParamsSchema = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a numeric id') });

export const outboxStatusSchema = z.enum(['pending', 'in_flight', 'delivered', 'dead', 'discarded']);
export const listOutboxQuerySchema = z.object({ status: outboxStatusSchema.default('dead'), ...pageQuery });

export const outboxItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: outboxStatusSchema,
  priority: z.number().int(),
  attempts: z.number().int(),
  rateKey: z.string().nullable(),
  source: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
});
export const outboxPageSchema = z.object({ items: z.array(outboxItemSchema), nextCursor: z.string().nullable() });
export const outboxStatsSchema = z.object({
  byStatus: z.array(z.object({ status: outboxStatusSchema, count: z.number().int(), oldestAgeSeconds: z.number() })),
  worker: z.object({ delivered: z.number().int(), retried: z.number().int(), dead: z.number().int(), deferredByRateLimit: z.number().int() }),
});

export const inboxStatusSchema = z.enum(['pending', 'processing', 'processed', 'ignored', 'parked']);
export const listInboxQuerySchema = z.object({ status: inboxStatusSchema.default('parked'), ...pageQuery });
export const inboxItemSchema = z.object({
  id: z.string(),
  transport: z.enum(['stream', 'http']),
  kind: z.enum(['event', 'callback']),
  topic: z.string(),
  status: inboxStatusSchema,
  attempts: z.number().int(),
  duplicates: z.number().int(),
  lastError: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  processedAt: z.iso.datetime().nullable(),
});
export const inboxPageSchema = z.object({ items: z.array(inboxItemSchema), nextCursor: z.string().nullable() });

export const jobSchema = z.object({ name: z.string(), cron: z.string() });
export const jobNameParamsSchema = z.object({ name: z.string().min(1).max(100) });
export const listJobRunsQuerySchema = z.object({ job: z.string().max(100).optional(), ...pageQuery });
export const jobRunSchema = z.object({
  id: z.string(),
  job: z.string(),
  trigger: z.enum(['schedule', 'catch_up', 'manual']),
  instance: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  result: z.string().nullable(),
  error: z.string().nullable(),
});
export const jobRunPageSchema = z.object({ items: z.array(jobRunSchema), nextCursor: z.string().nullable() });
