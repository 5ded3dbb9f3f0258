import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { stormCardId, stormIsOver, stormWindowSeconds } from '@dingops/shared/rules/alert-storm';
import type { Db, Executor } from '../../../db/client';
import { alertGroupEvents, alertGroups } from '../alerts.table';
import { type AlertStormRow, alertStorms } from './storm.table';

type Rows<T> = { rows: T[] };

/** Serializes storm decisions across instances (held to the end of the deciding transaction). */
const stormDecisionLock = { namespace: 7243, key: 1 };

/** What a storm summary card shows, read from the groups folded into it. */
export interface StormSummary {
  counts: { level: number; resolved: boolean; groups: number }[];
  /** Folded groups still firing, most alerts first. */
  top: { id: bigint; title: string; firingCount: number }[];
}

export function createStormRepository({ db }: { db: Db }) {
  return {
    /**
     * New level-2 group cards each chat received in the last minute (a group's chat is its route
     * group, else the IT ops group). Cheap: the card_created_at index reaches only that minute's cards.
     */
    async recentCardsByChat({ now, itGroupId }: { now: Date; itGroupId: string | null }, executor: Executor = db): Promise<Map<string, number>> {
      const since = new Date(now.getTime() - stormWindowSeconds * 1000).toISOString();
      // Inside the transaction that writes the cards, the count and the new cards go together: two
      // instances deciding at the same moment take turns instead of both seeing room for one more.
      if (executor !== db) await executor.execute(sql`SELECT pg_advisory_xact_lock(${stormDecisionLock.namespace}, ${stormDecisionLock.key})`);
      const result = (await executor.execute(sql`
        SELECT COALESCE(route_group_id, ${itGroupId}::text) AS chat, count(*)::int AS cards
        FROM ${alertGroups} WHERE card_created_at > ${since}::timestamptz AND level = 2
        GROUP BY 1`)) as unknown as Rows<{ chat: string | null; cards: number }>;
      return new Map(result.rows.flatMap((row) => (row.chat === null ? [] : [[row.chat, row.cards] as const])));
    },

    /**
     * Folds groups into the chat's current storm, or starts one when the last is over. The advisory
     * lock keeps two instances folding into one chat at once from starting two storms.
     */
    async foldInto(tx: Executor, { chatId, groupIds, now }: { chatId: string; groupIds: bigint[]; now: Date }): Promise<{ storm: AlertStormRow; started: boolean }> {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`alerts.storm:${chatId}`}))`);
      const [current] = await tx.select().from(alertStorms).where(eq(alertStorms.chatId, chatId)).orderBy(desc(alertStorms.lastFoldAt)).limit(1);
      let storm: AlertStormRow | undefined;
      const started = !current || stormIsOver({ lastFoldAt: current.lastFoldAt, now });
      if (started) {
        [storm] = await tx.insert(alertStorms).values({ cardId: stormCardId(chatId, now), chatId, startedAt: now, lastFoldAt: now, cardVersion: 1, cardUpdatedAt: now }).returning();
      } else {
        [storm] = await tx.update(alertStorms).set({ lastFoldAt: now, cardDirty: true }).where(eq(alertStorms.cardId, current.cardId)).returning();
      }
      if (!storm) throw new Error(`Storm of chat ${chatId} vanished`);
      await tx.execute(sql`UPDATE ${alertGroups} SET storm_card_id = ${storm.cardId} WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(groupIds.map(String))}::jsonb)::bigint)`);
      return { storm, started };
    },

    /** Folds groups outside ingest (the flush job): their card state and timeline entries; returns those that still had no card. */
    async markFolded(tx: Executor, { groupIds, now, note }: { groupIds: bigint[]; now: Date; note: string }): Promise<bigint[]> {
      // Locked in the order ingest locks groups (source, key), so the two never deadlock.
      await tx.select({ id: alertGroups.id }).from(alertGroups).where(inArray(alertGroups.id, groupIds)).orderBy(asc(alertGroups.sourceId), asc(alertGroups.groupKey)).for('update');
      const rows = await tx
        .update(alertGroups)
        .set({ cardState: 'folded', cardDirty: false, updatedAt: now })
        .where(and(inArray(alertGroups.id, groupIds), eq(alertGroups.cardState, 'none')))
        .returning({ id: alertGroups.id });
      if (rows.length > 0) await tx.insert(alertGroupEvents).values(rows.map((row) => ({ groupId: row.id, at: now, kind: 'folded', actorName: 'DingOps', note, data: {} })));
      return rows.map((row) => row.id);
    },

    async markDirty(tx: Executor, cardIds: string[]) {
      if (cardIds.length === 0) return;
      await tx.execute(sql`UPDATE ${alertStorms} SET card_dirty = true WHERE card_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(cardIds)}::jsonb))`);
    },

    async summaryOf(cardId: string, tx: Executor, topLimit = 100): Promise<StormSummary> {
      const counts = (await tx.execute(sql`
        SELECT level::int AS level, (status = 'resolved') AS resolved, count(*)::int AS groups
        FROM ${alertGroups} WHERE storm_card_id = ${cardId} GROUP BY 1, 2 ORDER BY 1, 2`)) as unknown as Rows<StormSummary['counts'][number]>;
      const top = await tx
        .select({ id: alertGroups.id, title: alertGroups.title, firingCount: alertGroups.firingCount })
        .from(alertGroups)
        .where(and(eq(alertGroups.stormCardId, cardId), sql`${alertGroups.status} <> 'resolved'`))
        .orderBy(desc(alertGroups.firingCount), asc(alertGroups.id))
        .limit(topLimit);
      return { counts: counts.rows, top };
    },

    dirtyStorms: (limit: number) => db.select({ cardId: alertStorms.cardId }).from(alertStorms).where(eq(alertStorms.cardDirty, true)).orderBy(asc(alertStorms.cardUpdatedAt)).limit(limit),

    async lockStorm(cardId: string, tx: Executor): Promise<AlertStormRow | null> {
      const [row] = await tx.select().from(alertStorms).where(eq(alertStorms.cardId, cardId)).for('update', { skipLocked: true });
      return row ?? null;
    },

    async saveCard(tx: Executor, { cardId, version, now }: { cardId: string; version: number; now: Date }) {
      await tx.update(alertStorms).set({ cardVersion: version, cardUpdatedAt: now, cardDirty: false }).where(eq(alertStorms.cardId, cardId));
    },
  };
}

export type StormRepository = ReturnType<typeof createStormRepository>;
