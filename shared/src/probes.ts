import { z } from 'zod';
import { parseExpectedStatus, parseHostPort } from './rules/probe-outcome';

/** Request and response shapes of /api/v1/alerts/probes (rule F1 "built-in monitoring"). */

export const probeKinds = ['http', 'tcp'] as const;
export const probeOutcomes = ['up', 'slow', 'down'] as const;
export const probeMethods = ['GET', 'HEAD'] as const;
/** Labels the probe sets itself on its alerts; its own labels may not replace them. */
export const reservedProbeLabels = ['alertname', 'probe', 'instance'] as const;

const probeFieldsSchema = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(probeKinds),
  /** http: an http(s) URL; tcp: host:port. */
  target: z.string().trim().min(1).max(2000),
  method: z.enum(probeMethods).default('GET'),
  /** Status codes that count as up, e.g. "200-299,301" (http only). */
  expectedStatus: z.string().trim().max(200).default('200-399'),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  /** Answers slower than this raise ProbeSlow; null: no response-time alert. */
  slowMs: z.number().int().min(1).max(60_000).nullable().default(null),
  intervalSeconds: z.number().int().min(10).max(86_400).default(60),
  failuresToAlert: z.number().int().min(1).max(10).default(2),
  labels: z.record(z.string().trim().min(1).max(100), z.string().max(500)).default({}),
  enabled: z.boolean().default(true),
});

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Create and replace (PUT) take the whole probe; checks that span fields name the field at fault. */
export const probeBodySchema = probeFieldsSchema.superRefine((body, context) => {
  if (body.kind === 'http' && !isHttpUrl(body.target)) context.addIssue({ code: 'custom', path: ['target'], message: 'must be an http:// or https:// URL' });
  if (body.kind === 'tcp' && !parseHostPort(body.target)) context.addIssue({ code: 'custom', path: ['target'], message: 'must be host:port (port 1-65535)' });
  const status = parseExpectedStatus(body.expectedStatus);
  if ('problem' in status) context.addIssue({ code: 'custom', path: ['expectedStatus'], message: status.problem });
  if (body.slowMs !== null && body.slowMs >= body.timeoutMs) context.addIssue({ code: 'custom', path: ['slowMs'], message: 'must be below timeoutMs' });
  for (const name of reservedProbeLabels) {
    if (name in body.labels) context.addIssue({ code: 'custom', path: ['labels', name], message: `"${name}" is set by the probe itself` });
  }
});
export type ProbeBody = z.infer<typeof probeBodySchema>;

export const probeSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(probeKinds),
  target: z.string(),
  method: z.enum(probeMethods),
  expectedStatus: z.string(),
  timeoutMs: z.number(),
  slowMs: z.number().nullable(),
  intervalSeconds: z.number(),
  failuresToAlert: z.number(),
  labels: z.record(z.string(), z.string()),
  enabled: z.boolean(),
  nextRunAt: z.string(),
  lastCheckedAt: z.string().nullable(),
  lastOutcome: z.enum(probeOutcomes).nullable(),
  lastResponseMs: z.number().nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number(),
  /** The alert it has raised and not yet resolved. */
  alertState: z.enum(['ok', 'slow', 'down']),
  /** Share of the last 24 h's checks that were not down; null before the first check. */
  upPercent24h: z.number().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Probe = z.infer<typeof probeSchema>;
export const probeListSchema = z.object({ items: z.array(probeSchema) });
export const probeIdParamsSchema = z.object({ probeId: z.uuid() });

export const probeResultSchema = z.object({
  at: z.string(),
  outcome: z.enum(probeOutcomes),
  responseMs: z.number().nullable(),
  statusCode: z.number().nullable(),
  error: z.string().nullable(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;
export const probeRunSchema = z.object({ result: probeResultSchema, probe: probeSchema });

export const probeResultsQuerySchema = z.object({ hours: z.coerce.number().int().min(1).max(720).default(24) });
export const probeResultsSummarySchema = z.object({
  count: z.number(),
  /** Checks that were not down (slow still answered), in percent; null with no checks. */
  upPercent: z.number().nullable(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  from: z.string(),
  to: z.string(),
});
/**
 * Results in the window, oldest first. Long windows are thinned to at most `maxProbePoints`: each
 * time slice keeps its worst check (down, then slow, then the slowest), so outages stay visible.
 */
export const probeResultPageSchema = z.object({ items: z.array(probeResultSchema), summary: probeResultsSummarySchema });
export type ProbeResultPage = z.infer<typeof probeResultPageSchema>;
export const maxProbePoints = 1000;
