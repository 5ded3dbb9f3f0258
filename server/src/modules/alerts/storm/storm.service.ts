import { createStormGuard, type StormGuard, stormSummaryDue } from '@dingops/shared/rules/alert-storm';
import type { Executor } from '../../../db/client';
import type { OutboxService } from '../../../platform/outbox/outbox.service';
import type { GroupEventInput } from '../groups/groups.repository';
import type { AlertGroupRow } from '../alerts.table';
import { fittedStormCard } from './storm.cards';
import type { StormRepository } from './storm.repository';
import type { AlertStormRow } from './storm.table';

export interface StormSettings {
  /** New level-2 group cards a chat takes per minute before further groups are folded (ALERTS_STORM_CARDS_PER_MINUTE). */
  cardsPerMinute: number;
  publicUrl: string;
  robotCode: string;
  itGroupId: string | null;
  cardTemplateId: string | null;
}

const foldNote = '告警过多，已合并到告警风暴汇总卡片（不单独发卡片）';

/**
 * Storm safety: folds new level-2 groups past a chat's per-minute card allowance into one summary
 * card per chat and storm. The summary goes out through the outbox at the first fold and is then
 * updated in place, damped, by the flush job.
 */
export function createStormFolding({ repo, outbox, settings }: { repo: StormRepository; outbox: OutboxService; settings: StormSettings }) {
  const chatOf = (group: Pick<AlertGroupRow, 'routeGroupId'>) => group.routeGroupId ?? settings.itGroupId;

  async function sendSummary(tx: Executor, storm: AlertStormRow, { now, started }: { now: Date; started: boolean }) {
    const summary = await repo.summaryOf(storm.cardId, tx);
    const cardParamMap = fittedStormCard(summary, { startedAt: storm.startedAt, now, publicUrl: settings.publicUrl });
    const version = started ? 1 : storm.cardVersion + 1;
    if (started) {
      await outbox.enqueue(tx, {
        kind: 'dingtalk.card_create',
        payload: { outTrackId: storm.cardId, cardTemplateId: settings.cardTemplateId!, cardParamMap, openSpaceId: `dtv1.card//IM_GROUP.${storm.chatId}`, robotCode: settings.robotCode, callbackType: 'STREAM' },
        idempotencyKey: `alert-storm:${storm.cardId}:card`,
        orderingKey: storm.cardId,
        priority: 3,
        source: 'alerts:storm',
      });
    } else {
      await outbox.enqueue(tx, {
        kind: 'dingtalk.card_update',
        payload: { outTrackId: storm.cardId, cardParamMap },
        idempotencyKey: `alert-storm:${storm.cardId}:card:v${version}`,
        orderingKey: storm.cardId,
        priority: 3,
        source: 'alerts:storm',
      });
    }
    await repo.saveCard(tx, { cardId: storm.cardId, version, now });
  }

  /** Writes folds: each chat's storm found or started, its groups linked, a new storm's summary card sent. */
  async function commitFolds(tx: Executor, folded: AlertGroupRow[], now: Date) {
    const byChat = new Map<string, bigint[]>();
    for (const group of folded) {
      const chat = chatOf(group)!;
      byChat.set(chat, [...(byChat.get(chat) ?? []), group.id]);
    }
    for (const [chatId, groupIds] of [...byChat].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const { storm, started } = await repo.foldInto(tx, { chatId, groupIds, now });
      // Later folds only mark the summary dirty: the flush job updates it, damped.
      if (started) await sendSummary(tx, storm, { now, started });
    }
  }

  return {
    /**
     * One batch (a grouping pass, a flush run): the chats' recent card counts are read once, at the
     * first level-2 card the batch would create, and the batch's own cards are counted on top.
     */
    batch() {
      let guard: StormGuard | null = null;
      const folded: AlertGroupRow[] = [];
      const touched = new Set<string>();
      return {
        /** Whether a group about to get its own card gets it, or is folded. */
        async decide(group: AlertGroupRow, { now, executor }: { now: Date; executor: Executor }): Promise<'card' | 'fold'> {
          if (group.level !== 2 || settings.cardTemplateId === null || chatOf(group) === null) return 'card';
          guard ??= createStormGuard({ recentCards: await repo.recentCardsByChat({ now, itGroupId: settings.itGroupId }, executor), cardsPerMinute: settings.cardsPerMinute });
          return guard.decide({ level: group.level, chatId: chatOf(group) });
        },
        /**
         * The group without a card of its own; the commit links it to its chat's storm. Ingest writes
         * the state and the timeline entry itself (`events`); otherwise the commit marks the group.
         */
        fold(group: AlertGroupRow, { now, events }: { now: Date; events?: GroupEventInput[] }): AlertGroupRow {
          events?.push({ groupId: group.id, at: now, kind: 'folded', actorName: 'DingOps', note: foldNote });
          const after: AlertGroupRow = { ...group, cardState: 'folded', cardDirty: false };
          folded.push(after);
          return after;
        },
        /** A folded group changed in a way its summary shows (resolved, reopened). */
        touch(group: Pick<AlertGroupRow, 'stormCardId'>) {
          if (group.stormCardId) touched.add(group.stormCardId);
        },
        /** Something for commit to write. */
        pending: () => folded.length > 0 || touched.size > 0,
        async commit(tx: Executor, now: Date, { markFolded = false }: { markFolded?: boolean } = {}) {
          let groups = folded.splice(0);
          if (markFolded && groups.length > 0) {
            // Only groups still without a card: another run may have sent or folded one meanwhile.
            const marked = new Set((await repo.markFolded(tx, { groupIds: groups.map((group) => group.id), now, note: foldNote })).map(String));
            groups = groups.filter((group) => marked.has(String(group.id)));
          }
          if (groups.length > 0) await commitFolds(tx, groups, now);
          if (touched.size > 0) await repo.markDirty(tx, [...touched]);
          touched.clear();
        },
      };
    },

    /** A change outside ingest (an action from the card or the app) to a folded group. */
    touch: (tx: Executor, group: Pick<AlertGroupRow, 'stormCardId'>) => repo.markDirty(tx, group.stormCardId ? [group.stormCardId] : []),

    /** Sends the damped summary updates that are due (flush job); returns how many. */
    async flushSummaries({ now, intervalSeconds, transaction }: { now: () => Date; intervalSeconds: number; transaction: <T>(work: (tx: Executor) => Promise<T>) => Promise<T> }): Promise<number> {
      let sent = 0;
      for (const { cardId } of await repo.dirtyStorms(100)) {
        await transaction(async (tx) => {
          const storm = await repo.lockStorm(cardId, tx);
          const at = now();
          if (!storm || !stormSummaryDue({ dirty: storm.cardDirty, lastUpdateAt: storm.cardUpdatedAt, now: at, intervalSeconds })) return;
          await sendSummary(tx, storm, { now: at, started: false });
          sent += 1;
        });
      }
      return sent;
    },
  };
}

export type StormFolding = ReturnType<typeof createStormFolding>;
export type StormBatch = ReturnType<StormFolding['batch']>;
