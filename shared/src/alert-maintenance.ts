import { z } from 'zod';
import { labelMatcherSchema } from './alerts';

/**
 * Request and response shapes of /api/v1/alerts/maintenance-windows (维护窗口) and /api/v1/alerts/timing
 * (通知节奏): how planned maintenance mutes alerts, and how often each level's cards and reminders go out.
 */

const isoDate = z.iso.datetime({ offset: true });

// --- Maintenance windows ---------------------------------------------------------------------

export const maintenanceRecurrences = ['none', 'daily', 'weekly'] as const;
export const maintenanceRecurrenceSchema = z.enum(maintenanceRecurrences);
export type MaintenanceRecurrence = z.infer<typeof maintenanceRecurrenceSchema>;

/** One occurrence lasts at most this long (a week of maintenance is a project, not a window). */
export const maxWindowMinutes = 7 * 24 * 60;

export const maintenanceWindowBodySchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    matchers: z.array(labelMatcherSchema).min(1).max(20),
    /** The first occurrence. */
    startsAt: isoDate,
    endsAt: isoDate,
    recurrence: maintenanceRecurrenceSchema.default('none'),
    /** No occurrence starts after this; empty repeats for ever. Ignored without a recurrence. */
    repeatUntil: isoDate.nullable().optional(),
    /** The maintenance plan the window serves, once plans exist. */
    maintenancePlanId: z.string().trim().min(1).max(100).nullable().optional(),
  })
  .refine((body) => new Date(body.startsAt) < new Date(body.endsAt), { path: ['endsAt'], message: 'must be after startsAt' })
  .refine((body) => new Date(body.endsAt).getTime() - new Date(body.startsAt).getTime() <= maxWindowMinutes * 60_000, { path: ['endsAt'], message: 'one occurrence lasts at most 7 days' })
  // Longer daily occurrences would overlap the next day's.
  .refine((body) => body.recurrence !== 'daily' || new Date(body.endsAt).getTime() - new Date(body.startsAt).getTime() <= 86_400_000, { path: ['endsAt'], message: 'a daily window lasts at most 24 hours' })
  .refine((body) => !body.repeatUntil || new Date(body.repeatUntil) >= new Date(body.startsAt), { path: ['repeatUntil'], message: 'must not be before startsAt' });
export type MaintenanceWindowBody = z.infer<typeof maintenanceWindowBodySchema>;

export const maintenanceWindowSchema = z.object({
  id: z.string(),
  title: z.string(),
  matchers: z.array(labelMatcherSchema),
  startsAt: z.string(),
  endsAt: z.string(),
  recurrence: maintenanceRecurrenceSchema,
  repeatUntil: z.string().nullable(),
  maintenancePlanId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** An occurrence is open now: matching alerts are recorded but page nobody. */
  openNow: z.boolean(),
  /** When the open occurrence ends (null when none is open). */
  currentEndsAt: z.string().nullable(),
  /** The next occurrence that starts after now (null when none will). */
  nextStartsAt: z.string().nullable(),
});
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;
export const maintenanceWindowListSchema = z.object({ items: z.array(maintenanceWindowSchema) });
export const maintenanceWindowIdParamsSchema = z.object({ windowId: z.uuid() });

// --- Notification timing per level -------------------------------------------------------------

/** Alertmanager's group_wait / group_interval / repeat_interval, for one alert level. */
export const levelTimingSchema = z.object({
  /** How long a new group waits for more alerts before its first card. */
  groupWaitSeconds: z.number().int().min(0).max(3600),
  /** Least time between two updates of a group's card, unless its status changes. */
  groupIntervalSeconds: z.number().int().min(0).max(86_400),
  /** A firing, unacknowledged group is announced again after this long; 0 = never. At most 7 days. */
  repeatIntervalMinutes: z.number().int().min(0).max(7 * 24 * 60),
});
export type LevelTiming = z.infer<typeof levelTimingSchema>;

/** Level 3 has no card of its own (it goes into the digest), so only its repeat interval matters. */
export const alertTimingSchema = z.object({ level1: levelTimingSchema, level2: levelTimingSchema, level3: levelTimingSchema });
export type AlertTiming = z.infer<typeof alertTimingSchema>;
export const alertTimingSettingsSchema = alertTimingSchema.extend({ updatedAt: z.string().nullable(), updatedBy: z.string().nullable() });
export type AlertTimingSettings = z.infer<typeof alertTimingSettingsSchema>;
