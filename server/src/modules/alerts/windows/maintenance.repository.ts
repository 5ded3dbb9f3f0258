import { and, desc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { alertGroupEvents } from '../alerts.table';
import { type AlertMaintenanceWindowRow, alertMaintenanceWindows } from './maintenance.table';

/** A group muted by a window's occurrence: its timeline says so once per occurrence. */
export interface MutedGroupNote {
  groupId: bigint;
  windowId: string;
  title: string;
  occurrenceStartsAt: Date;
}

/** Occurrences last at most 7 days, so a window whose repeats stopped longer ago than this is over. */
const longestOccurrenceMs = 7 * 86_400_000;

export function createMaintenanceRepository({ db }: { db: Db }) {
  return {
    async insertWindow(values: typeof alertMaintenanceWindows.$inferInsert, tx: Executor): Promise<AlertMaintenanceWindowRow> {
      const [row] = await tx.insert(alertMaintenanceWindows).values(values).returning();
      if (!row) throw new Error('Maintenance window insert returned no row');
      return row;
    },
    /** Changes a window that is not cancelled; null when there is none. */
    async updateWindow(id: string, patch: Partial<typeof alertMaintenanceWindows.$inferInsert>, tx: Executor): Promise<AlertMaintenanceWindowRow | null> {
      const [row] = await tx.update(alertMaintenanceWindows).set(patch).where(and(eq(alertMaintenanceWindows.id, id), isNull(alertMaintenanceWindows.cancelledAt))).returning();
      return row ?? null;
    },
    /** Not cancelled and possibly open now or later (the caller drops the few that are over), newest first. */
    liveWindows: (now: Date) =>
      db
        .select()
        .from(alertMaintenanceWindows)
        .where(
          and(
            isNull(alertMaintenanceWindows.cancelledAt),
            or(
              gt(alertMaintenanceWindows.endsAt, now),
              and(ne(alertMaintenanceWindows.recurrence, 'none'), or(isNull(alertMaintenanceWindows.repeatUntil), gt(alertMaintenanceWindows.repeatUntil, new Date(now.getTime() - longestOccurrenceMs)))),
            ),
          ),
        )
        .orderBy(desc(alertMaintenanceWindows.createdAt))
        .limit(500),

    /** Adds a 'maintenance' timeline entry for each group and window occurrence that has none yet (one statement). */
    async noteMuted(notes: MutedGroupNote[], now: Date, tx: Executor) {
      if (notes.length === 0) return;
      const json = JSON.stringify(notes.map((note) => ({ groupId: String(note.groupId), windowId: note.windowId, note: `维护窗口：${note.title}`, occurrence: note.occurrenceStartsAt.toISOString() })));
      await tx.execute(sql`
        INSERT INTO ${alertGroupEvents} (group_id, at, kind, actor_name, note, data)
        SELECT DISTINCT ON (n."groupId", n."windowId", n."occurrence") n."groupId", ${now.toISOString()}::timestamptz, 'maintenance', 'DingOps', n."note",
          jsonb_build_object('windowId', n."windowId", 'occurrence', n."occurrence")
        FROM jsonb_to_recordset(${json}::jsonb) AS n("groupId" bigint, "windowId" text, "note" text, "occurrence" text)
        WHERE NOT EXISTS (
          SELECT 1 FROM ${alertGroupEvents} e
          WHERE e.group_id = n."groupId" AND e.kind = 'maintenance' AND e.data->>'windowId' = n."windowId" AND e.data->>'occurrence' = n."occurrence")`);
    },
  };
}

export type MaintenanceRepository = ReturnType<typeof createMaintenanceRepository>;
