import type { MaintenanceWindow, MaintenanceWindowBody } from '@dingops/shared/alert-maintenance';
import { type Labels, matchesAll } from '@dingops/shared/rules/alert-matchers';
import { isWindowOver, nextOccurrence, openOccurrence } from '@dingops/shared/rules/maintenance-windows';
import type { User } from '@dingops/shared/users';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { cachedValue, checkMatchers, invalidField } from '../alerts.shared';
import { maintenanceWindowNotFound } from './maintenance.errors';
import type { MaintenanceRepository, MutedGroupNote } from './maintenance.repository';
import type { AlertMaintenanceWindowRow } from './maintenance.table';

/** The window whose open occurrence mutes an alert. */
export interface MutingWindow {
  id: string;
  title: string;
  occurrenceStartsAt: Date;
}

/** What the ingest pipeline needs from maintenance windows. */
export interface MaintenanceMuting {
  /** A matcher over the windows open at `now`: the first one an alert's labels fall into, or null. */
  mutingWindows(now: Date): Promise<(labels: Labels) => MutingWindow | null>;
  /** Notes on each group's timeline, once per window occurrence, that a window muted its alerts. */
  noteMuted(tx: Executor, notes: MutedGroupNote[], now: Date): Promise<void>;
}

const schedule = (row: AlertMaintenanceWindowRow) => ({ startsAt: row.startsAt, endsAt: row.endsAt, recurrence: row.recurrence, repeatUntil: row.repeatUntil, cancelledAt: row.cancelledAt });

/**
 * Maintenance windows (维护窗口, rules M1, M2): planned work mutes matching alerts exactly like a
 * silence — recorded, but no card, page or escalation — and the group's timeline names the window.
 * Live windows are cached per instance for `cacheMs`, like the silences.
 */
export function createMaintenanceService({ db, repo, audit, clock, cacheMs }: { db: Db; repo: MaintenanceRepository; audit: AuditService; clock: () => Date; cacheMs: number }) {
  const live = cachedValue(() => repo.liveWindows(clock()), cacheMs, clock);

  function toWindow(row: AlertMaintenanceWindowRow, now: Date): MaintenanceWindow {
    const open = openOccurrence(schedule(row), now);
    return {
      id: row.id,
      title: row.title,
      matchers: row.matchers,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      recurrence: row.recurrence,
      repeatUntil: row.repeatUntil?.toISOString() ?? null,
      maintenancePlanId: row.maintenancePlanId,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      openNow: open !== null,
      currentEndsAt: open?.endsAt.toISOString() ?? null,
      nextStartsAt: nextOccurrence(schedule(row), now)?.startsAt.toISOString() ?? null,
    };
  }

  /** Checks a body beyond its schema and turns it into column values. */
  function valuesOf(body: MaintenanceWindowBody, now: Date) {
    checkMatchers(body.matchers, 'body.matchers');
    const values = {
      title: body.title,
      matchers: body.matchers,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      recurrence: body.recurrence,
      repeatUntil: body.recurrence !== 'none' && body.repeatUntil ? new Date(body.repeatUntil) : null,
      maintenancePlanId: body.maintenancePlanId ?? null,
    };
    if (isWindowOver({ ...values, cancelledAt: null }, now)) throw invalidField(values.recurrence === 'none' ? 'body.endsAt' : 'body.repeatUntil', 'the window would be over already');
    return values;
  }

  return {
    async list(): Promise<{ items: MaintenanceWindow[] }> {
      const now = clock();
      const rows = (await repo.liveWindows(now)).filter((row) => !isWindowOver(schedule(row), now));
      const items = rows.map((row) => toWindow(row, now));
      // 进行中 first, then 即将开始 by when they start.
      items.sort((a, b) => Number(b.openNow) - Number(a.openNow) || (a.nextStartsAt ?? '').localeCompare(b.nextStartsAt ?? ''));
      return { items };
    },

    async create({ body, actor, context }: { body: MaintenanceWindowBody; actor: User; context: AuditContext }): Promise<MaintenanceWindow> {
      const now = clock();
      const values = valuesOf(body, now);
      const row = await db.transaction(async (tx) => {
        const created = await repo.insertWindow({ ...values, createdById: actor.id, createdBy: actor.name, createdAt: now }, tx);
        await audit.record(context, { action: 'alerts.maintenance_window_created', target: { type: 'alert_maintenance_window', id: created.id }, summary: { title: body.title, matchers: body.matchers, startsAt: body.startsAt, endsAt: body.endsAt, recurrence: body.recurrence } }, tx);
        return created;
      });
      live.clear();
      return toWindow(row, now);
    },

    async update({ id, body, context }: { id: string; body: MaintenanceWindowBody; context: AuditContext }): Promise<MaintenanceWindow> {
      const now = clock();
      const values = valuesOf(body, now);
      const row = await db.transaction(async (tx) => {
        const updated = await repo.updateWindow(id, values, tx);
        if (!updated) throw maintenanceWindowNotFound(id);
        await audit.record(context, { action: 'alerts.maintenance_window_updated', target: { type: 'alert_maintenance_window', id }, summary: { title: body.title, matchers: body.matchers, startsAt: body.startsAt, endsAt: body.endsAt, recurrence: body.recurrence } }, tx);
        return updated;
      });
      live.clear();
      return toWindow(row, now);
    },

    /** Cancelling keeps the row (the record of what was planned); a cancelled window never opens again. */
    async cancel({ id, context }: { id: string; context: AuditContext }): Promise<void> {
      const now = clock();
      await db.transaction(async (tx) => {
        const cancelled = await repo.updateWindow(id, { cancelledAt: now }, tx);
        if (!cancelled) throw maintenanceWindowNotFound(id);
        await audit.record(context, { action: 'alerts.maintenance_window_cancelled', target: { type: 'alert_maintenance_window', id }, summary: { title: cancelled.title } }, tx);
      });
      live.clear();
    },

    async mutingWindows(now: Date): Promise<(labels: Labels) => MutingWindow | null> {
      const open = (await live.get()).flatMap((row) => {
        const occurrence = openOccurrence(schedule(row), now);
        return occurrence ? [{ window: { id: row.id, title: row.title, occurrenceStartsAt: occurrence.startsAt }, matchers: row.matchers }] : [];
      });
      if (open.length === 0) return () => null;
      return (labels) => open.find((entry) => matchesAll(entry.matchers, labels))?.window ?? null;
    },

    noteMuted: (tx: Executor, notes: MutedGroupNote[], now: Date) => repo.noteMuted(notes, now, tx),
  };
}

export type MaintenanceService = ReturnType<typeof createMaintenanceService>;
