import type { Silence } from '@dingops/shared/alerts';
import type { LabelMatcher } from '@dingops/shared/rules/alert-matchers';
import type { User } from '@dingops/shared/users';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { silenceNotFound } from '../alerts.errors';
import { cachedValue, checkMatchers, invalidField } from '../alerts.shared';
import type { AlertSilenceRow } from '../alerts.table';
import type { RulesRepository } from './rules.repository';

const toSilence = (row: AlertSilenceRow, now: Date): Silence => ({
  id: row.id,
  matchers: row.matchers,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  reason: row.reason,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  active: row.startsAt <= now && row.endsAt > now,
});

/** Silences mute notifications for matching alerts (they are still recorded); every ingest batch reads them, so they are cached. */
export function createSilencesService({ db, repo, audit, clock, cacheMs }: { db: Db; repo: RulesRepository; audit: AuditService; clock: () => Date; cacheMs: number }) {
  const silences = cachedValue(() => repo.listSilences(clock()), cacheMs, clock);

  return {
    /** Silences in force or yet to start (cached). */
    current: () => silences.get(),
    async createSilence({ body, actor, context }: { body: { matchers: LabelMatcher[]; startsAt?: string | undefined; endsAt: string; reason: string }; actor: User; context: AuditContext }): Promise<Silence> {
      checkMatchers(body.matchers, 'body.matchers');
      const now = clock();
      if (new Date(body.endsAt) <= now) throw invalidField('body.endsAt', 'must be in the future');
      const row = await db.transaction(async (tx) => {
        const created = await repo.insertSilence({ matchers: body.matchers, startsAt: body.startsAt ? new Date(body.startsAt) : now, endsAt: new Date(body.endsAt), reason: body.reason, createdById: actor.id, createdBy: actor.name, createdAt: now }, tx);
        await audit.record(context, { action: 'alerts.silence_created', target: { type: 'alert_silence', id: created.id }, summary: { matchers: body.matchers, endsAt: body.endsAt, reason: body.reason } }, tx);
        return created;
      });
      silences.clear();
      return toSilence(row, now);
    },
    /** 静默1小时 from a group's card: a silence on exactly the group's labels, in the action's transaction. */
    async silenceGroup({ groupId, labels, now, reason, actor, context }: { groupId: bigint; labels: Record<string, string>; now: Date; reason: string; actor: User; context: AuditContext }, tx: Executor) {
      const matchers = Object.entries(labels).map(([name, value]) => ({ name, op: '=' as const, value }));
      const silence = await repo.insertSilence({ matchers, startsAt: now, endsAt: new Date(now.getTime() + 3_600_000), reason, createdById: actor.id, createdBy: actor.name, createdAt: now }, tx);
      await audit.record(context, { action: 'alerts.silence_created', target: { type: 'alert_silence', id: silence.id }, summary: { matchers, groupId: String(groupId) } }, tx);
      silences.clear();
      return silence;
    },
    async listSilences() {
      const now = clock();
      return { items: (await repo.listSilences(now)).map((row) => toSilence(row, now)) };
    },
    async expireSilence({ id, context }: { id: string; context: AuditContext }) {
      const now = clock();
      await db.transaction(async (tx) => {
        const row = await repo.expireSilence(id, now, tx);
        if (!row) throw silenceNotFound(id);
        await audit.record(context, { action: 'alerts.silence_expired', target: { type: 'alert_silence', id } }, tx);
      });
      silences.clear();
    },
  };
}

export type SilencesService = ReturnType<typeof createSilencesService>;
