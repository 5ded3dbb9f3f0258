import { maxProbePoints } from '@dingops/shared/probes';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { type AlertSourceRow, alertSources } from '../alerts.table';
import { type AlertProbeResultRow, type AlertProbeRow, alertProbeResults, alertProbes } from './probes.table';

type Rows<T> = { rows: T[] };
const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** A Postgres unique violation (a probe name already taken). */
export const isUniqueViolation = (error: unknown) => (error as { code?: string; cause?: { code?: string } }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505';

export function createProbesRepository({ db }: { db: Db }) {
  return {
    listProbes: () => db.select().from(alertProbes).orderBy(asc(alertProbes.name)),
    async findProbe(id: string, tx: Executor = db): Promise<AlertProbeRow | null> {
      const [row] = await tx.select().from(alertProbes).where(eq(alertProbes.id, id));
      return row ?? null;
    },
    async lockProbe(id: string, tx: Executor): Promise<AlertProbeRow | null> {
      const [row] = await tx.select().from(alertProbes).where(eq(alertProbes.id, id)).for('update');
      return row ?? null;
    },
    async insertProbe(values: typeof alertProbes.$inferInsert, tx: Executor): Promise<AlertProbeRow> {
      const [row] = await tx.insert(alertProbes).values(values).returning();
      if (!row) throw new Error('Probe insert returned no row');
      return row;
    },
    async updateProbe(id: string, patch: Partial<typeof alertProbes.$inferInsert>, tx: Executor): Promise<AlertProbeRow | null> {
      const [row] = await tx.update(alertProbes).set(patch).where(eq(alertProbes.id, id)).returning();
      return row ?? null;
    },
    /** The probe and its results (no foreign key cascades them). */
    async deleteProbe(id: string, tx: Executor): Promise<AlertProbeRow | null> {
      const [row] = await tx.delete(alertProbes).where(eq(alertProbes.id, id)).returning();
      if (row) await tx.delete(alertProbeResults).where(eq(alertProbeResults.probeId, id));
      return row ?? null;
    },
    isEmpty: async () => (await db.select({ id: alertProbes.id }).from(alertProbes).limit(1)).length === 0,

    /**
     * Claims due probes and moves their next run on in the same statement: rows another instance
     * holds are skipped, and once this commits they are no longer due, so no check runs twice.
     */
    claimDue(now: Date, limit: number) {
      const due = db
        .select({ id: alertProbes.id })
        .from(alertProbes)
        .where(and(eq(alertProbes.enabled, true), lte(alertProbes.nextRunAt, now)))
        .orderBy(asc(alertProbes.nextRunAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      return db
        .update(alertProbes)
        .set({ nextRunAt: sql`${at(now)} + ${alertProbes.intervalSeconds} * interval '1 second'` })
        .where(inArray(alertProbes.id, due))
        .returning();
    },

    async insertResult(values: typeof alertProbeResults.$inferInsert, tx: Executor): Promise<AlertProbeResultRow> {
      const [row] = await tx.insert(alertProbeResults).values(values).returning();
      if (!row) throw new Error('Probe result insert returned no row');
      return row;
    },

    /** Per probe: checks in the window and how many were not down (the list's availability). */
    async availabilitySince(since: Date): Promise<Map<string, number>> {
      const result = (await db.execute(sql`
        SELECT probe_id AS "probeId", count(*)::int AS count, (count(*) FILTER (WHERE outcome <> 'down'))::int AS available
        FROM ${alertProbeResults} WHERE at >= ${at(since)} GROUP BY probe_id`)) as unknown as Rows<{ probeId: string; count: number; available: number }>;
      return new Map(result.rows.map((row) => [row.probeId, percentOf(row.available, row.count)]));
    },

    async summarize(probeId: string, from: Date, to: Date) {
      const result = (await db.execute(sql`
        SELECT count(*)::int AS count, (count(*) FILTER (WHERE outcome <> 'down'))::int AS available,
          percentile_disc(0.5) WITHIN GROUP (ORDER BY response_ms) AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY response_ms) AS p95
        FROM ${alertProbeResults} WHERE probe_id = ${probeId}::uuid AND at >= ${at(from)} AND at <= ${at(to)}`)) as unknown as Rows<{ count: number; available: number; p50: number | null; p95: number | null }>;
      const row = result.rows[0] ?? { count: 0, available: 0, p50: null, p95: null };
      return { count: row.count, upPercent: row.count === 0 ? null : percentOf(row.available, row.count), p50Ms: row.p50 === null ? null : Number(row.p50), p95Ms: row.p95 === null ? null : Number(row.p95) };
    },

    /** The chart's points: every result, or with more than maxProbePoints the worst one per time slice. */
    async pointsOf(probeId: string, from: Date, to: Date, count: number) {
      const window = and(eq(alertProbeResults.probeId, probeId), sql`${alertProbeResults.at} >= ${at(from)}`, sql`${alertProbeResults.at} <= ${at(to)}`);
      if (count <= maxProbePoints) return db.select().from(alertProbeResults).where(window).orderBy(asc(alertProbeResults.at));
      const sliceSeconds = Math.ceil((to.getTime() - from.getTime()) / 1000 / maxProbePoints);
      const result = (await db.execute(sql`
        SELECT * FROM (
          SELECT DISTINCT ON (slice) at, outcome, response_ms AS "responseMs", status_code AS "statusCode", error
          FROM (
            SELECT *, floor(extract(epoch FROM at) / ${sliceSeconds}) AS slice FROM ${alertProbeResults}
            WHERE probe_id = ${probeId}::uuid AND at >= ${at(from)} AND at <= ${at(to)}
          ) sliced
          ORDER BY slice, CASE outcome WHEN 'down' THEN 2 WHEN 'slow' THEN 1 ELSE 0 END DESC, response_ms DESC NULLS LAST
        ) worst ORDER BY at`)) as unknown as Rows<Pick<AlertProbeResultRow, 'outcome' | 'responseMs' | 'statusCode' | 'error'> & { at: string | Date }>;
      return result.rows.map((row) => ({ ...row, at: new Date(row.at) }));
    },

    /** Deletes up to `limit` results older than `before`, oldest first (a few thousand per run keeps each run short). */
    async pruneResults(before: Date, limit: number): Promise<number> {
      const result = (await db.execute(sql`
        DELETE FROM ${alertProbeResults} WHERE id IN (SELECT id FROM ${alertProbeResults} WHERE at < ${at(before)} ORDER BY id LIMIT ${limit}) RETURNING id`)) as unknown as Rows<{ id: string }>;
      return result.rows.length;
    },

    /** The built-in 'probe' source, created on first use; the advisory lock keeps two instances from making two. */
    async probeSource({ name, tokenHash, now }: { name: string; tokenHash: string; now: Date }): Promise<AlertSourceRow> {
      const [existing] = await db.select().from(alertSources).where(eq(alertSources.kind, 'probe')).orderBy(asc(alertSources.createdAt)).limit(1);
      if (existing) return existing;
      return db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('alerts.probe_source'))`);
        const [raced] = await tx.select().from(alertSources).where(eq(alertSources.kind, 'probe')).limit(1);
        if (raced) return raced;
        const [row] = await tx.insert(alertSources).values({ name, kind: 'probe', tokenHash, createdAt: now }).returning();
        if (!row) throw new Error('Probe source insert returned no row');
        return row;
      });
    },
    findSourceById: async (id: string) => (await db.select().from(alertSources).where(eq(alertSources.id, id)))[0] ?? null,
  };
}

const percentOf = (part: number, whole: number) => Math.round((part / whole) * 10_000) / 100;

export type ProbesRepository = ReturnType<typeof createProbesRepository>;
