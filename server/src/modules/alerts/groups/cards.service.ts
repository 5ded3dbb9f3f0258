import { timingOfLevel } from '@dingops/shared/rules/alert-timing';
import type { Db } from '../../../db/client';
import type { CardSettingsNow } from '../group-state/card-settings';
import type { GroupStatePass } from '../group-state/group-state.service';
import { cardPlan } from '../group-state/group-state.rules';
import type { AlertNotifier } from '../notify/alert-notifier';
import type { StormFolding } from '../storm/storm.service';
import type { GroupsRepository } from './groups.repository';

/** The card jobs: cards held back by group wait or damping, and level 3's digest. */
export function createCardRuns({ db, repo, notifier, storms, groupState, cardSettingsNow, clock }: { db: Db; repo: GroupsRepository; notifier: AlertNotifier; storms: StormFolding; groupState: Pick<GroupStatePass, 'flush'>; cardSettingsNow: CardSettingsNow; clock: () => Date }) {
  return {
    /** Sends cards that waited (level-2 group wait) and updates that were damped. */
    async flushCards(): Promise<number> {
      await groupState.flush();
      let sent = 0;
      const cardSettings = await cardSettingsNow();
      const storm = storms.batch();
      for (const { id } of await repo.cardCandidates(500)) {
        await db.transaction(async (tx) => {
          const now = clock();
          const group = await repo.lockGroup(id, tx);
          if (!group) return;
          const plan = cardPlan({ group, statusChanged: false, now, settings: cardSettings });
          if (plan === 'none' || plan === 'dirty') {
            if (plan === 'none' && group.cardDirty) await repo.updateGroup(id, { cardDirty: false }, tx);
            return;
          }
          // Folds are written together after the run, so the storm's summary starts with all of them.
          if (plan === 'create' && (await storm.decide(group, { now, executor: tx })) === 'fold') return void storm.fold(group, { now });
          const after = await notifier.applyCardPlan(tx, group, { plan, now, atUsers: [] });
          await repo.updateGroup(id, { cardState: after.cardState, cardVersion: after.cardVersion, cardUpdatedAt: after.cardUpdatedAt, cardCreatedAt: after.cardCreatedAt, cardDirty: false, updatedAt: now }, tx);
          sent += 1;
        });
      }
      if (storm.pending()) await db.transaction((tx) => storm.commit(tx, clock(), { markFolded: true }));
      // Storm summaries changed by resolved or newly folded groups, damped like a level-2 card.
      sent += await storms.flushSummaries({ now: clock, intervalSeconds: timingOfLevel(cardSettings.timing, 2).groupIntervalSeconds, transaction: (work) => db.transaction(work) });
      return sent;
    },

    /** Level 3: one digest card listing groups opened or resolved since the last one. */
    async digest(): Promise<number> {
      return db.transaction(async (tx) => {
        const now = clock();
        const groups = await repo.takeDigest(now, 200, tx);
        await notifier.digest(tx, groups, { now });
        return groups.length;
      });
    },
  };
}

export type CardRuns = ReturnType<typeof createCardRuns>;
