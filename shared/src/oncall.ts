import { z } from 'zod';

/** Who an escalation step notifies (issue 5 item 5: on-call → secondary → IT lead + leadership group). */
export const escalationTargetSchema = z.enum(['oncall_primary', 'oncall_secondary', 'it_leads', 'leadership_group']);
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

/** One step: `afterMinutes` counts from when the alert group opened, not from the previous step. */
export const escalationStepSchema = z.object({
  afterMinutes: z.number().int().min(0).max(7 * 24 * 60),
  notify: z.array(escalationTargetSchema).min(1).max(4),
});
export type EscalationStep = z.infer<typeof escalationStepSchema>;

/** Steps must climb: a step that fires before the one above it would skip the order people expect. */
export const escalationStepsSchema = z
  .array(escalationStepSchema)
  .min(1)
  .max(10)
  .superRefine((steps, ctx) => {
    steps.forEach((step, index) => {
      const previous = steps[index - 1];
      if (previous && step.afterMinutes <= previous.afterMinutes) {
        ctx.addIssue({ code: 'custom', path: [index, 'afterMinutes'], message: 'must be later than the step before' });
      }
    });
  });

export const escalationPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  steps: z.array(escalationStepSchema),
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

/** DESIGN.md "Alert levels": level 1 pages the on-call at once, then climbs after 5 and 15 minutes. */
export const defaultEscalationSteps: EscalationStep[] = [
  { afterMinutes: 0, notify: ['oncall_primary'] },
  { afterMinutes: 5, notify: ['oncall_secondary'] },
  { afterMinutes: 15, notify: ['it_leads', 'leadership_group'] },
];

/** Id of the built-in policy used when no policy is stored as default. */
export const builtInPolicyId = 'default';

/** Local time of day in Asia/Shanghai (UTC+8, no daylight saving), 'HH:MM'. */
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
export const localDateSchema = z.iso.date();

/**
 * A weekly rotation: members take one week each, in order, handing over on `handoffWeekday`
 * (0 = Sunday … 6 = Saturday) at `handoffTime` Beijing time. `members[0]` holds the shift that
 * begins at the first handoff on or after `startDate`; the secondary is the next member.
 */
export const weeklyRotationSchema = z.object({
  members: z.array(z.uuid()).max(50),
  handoffWeekday: z.number().int().min(0).max(6),
  handoffTime: localTimeSchema,
  startDate: localDateSchema,
});
export type WeeklyRotation = z.infer<typeof weeklyRotationSchema>;

/** Replaces the primary for [startsAt, endsAt). */
export interface RotationOverride {
  id?: string;
  userId: string;
  startsAt: Date;
  endsAt: Date;
  reason?: string;
}

export const onCallPersonSchema = z.object({ userId: z.uuid(), dingtalkUserId: z.string(), name: z.string() });
export type OnCallPerson = z.infer<typeof onCallPersonSchema>;

export const overrideSchema = z.object({
  id: z.uuid(),
  user: onCallPersonSchema,
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  reason: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Override = z.infer<typeof overrideSchema>;

export const scheduleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  isDefault: z.boolean(),
  rotation: weeklyRotationSchema,
  members: z.array(onCallPersonSchema),
  overrides: z.array(overrideSchema),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Schedule = z.infer<typeof scheduleSchema>;
export const scheduleListSchema = z.object({ items: z.array(scheduleSchema) });

const nameSchema = z.string().trim().min(1, 'give it a name').max(60);

/** POST /api/v1/oncall/schedules and PUT /api/v1/oncall/schedules/:id (it_admin): the rotation plus a name. */
export const scheduleBodySchema = weeklyRotationSchema.extend({
  name: nameSchema,
  isDefault: z.boolean().optional(),
});
export type ScheduleBody = z.infer<typeof scheduleBodySchema>;
export const scheduleParamsSchema = z.object({ id: z.uuid() });

/** POST /api/v1/oncall/schedules/:id/overrides (it_admin). */
export const createOverrideBodySchema = z
  .object({
    userId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(1, 'say why').max(200),
  })
  .superRefine((body, ctx) => {
    if (Date.parse(body.endsAt) <= Date.parse(body.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    else if (Date.parse(body.endsAt) - Date.parse(body.startsAt) > 31 * 24 * 3_600_000) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'an override spans at most 31 days' });
  });
export type CreateOverrideBody = z.infer<typeof createOverrideBodySchema>;
export const overrideParamsSchema = z.object({ id: z.uuid(), overrideId: z.uuid() });

/** GET /api/v1/oncall/schedules/:id/calendar?from=&to= — at most 62 days. */
export const calendarQuerySchema = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .superRefine((query, ctx) => {
    const span = Date.parse(query.to) - Date.parse(query.from);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (span > 62 * 24 * 3_600_000) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a calendar spans at most 62 days' });
  });
export type CalendarQuery = z.infer<typeof calendarQuerySchema>;

export const shiftSchema = z.object({
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  primary: onCallPersonSchema.nullable(),
  secondary: onCallPersonSchema.nullable(),
  /** Set when an override replaced the rotation's primary for this span. */
  overrideId: z.uuid().nullable(),
  overrideReason: z.string().nullable(),
});
export type Shift = z.infer<typeof shiftSchema>;
export const calendarSchema = z.object({ scheduleId: z.uuid(), shifts: z.array(shiftSchema) });

/** GET /api/v1/oncall/now */
export const onCallNowSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  items: z.array(
    z.object({
      scheduleId: z.uuid(),
      scheduleName: z.string(),
      isDefault: z.boolean(),
      primary: onCallPersonSchema.nullable(),
      secondary: onCallPersonSchema.nullable(),
      overrideId: z.uuid().nullable(),
    }),
  ),
});
export type OnCallNow = z.infer<typeof onCallNowSchema>;

export const storedPolicySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  isDefault: z.boolean(),
  steps: z.array(escalationStepSchema),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type StoredPolicy = z.infer<typeof storedPolicySchema>;
export const policyListSchema = z.object({ items: z.array(storedPolicySchema) });

/** POST /api/v1/oncall/policies and PUT /api/v1/oncall/policies/:id (it_admin). */
export const policyBodySchema = z.object({ name: nameSchema, steps: escalationStepsSchema, isDefault: z.boolean().optional() });
export type PolicyBody = z.infer<typeof policyBodySchema>;
export const policyParamsSchema = z.object({ id: z.uuid() });
