import { maxPoolRobotsPerChat, type PoolChat, type PoolRobot, type PoolRobotBody } from '@dingops/shared/alert-robot-pool';
import type { Db } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import type { FieldCipher } from '../../../platform/crypto/field-cipher';
import { encryptWebhookRobot } from '../../../platform/outbox/outbox.effects';
import type { PooledRobot } from '../../../platform/outbox/outbox.pool';
import { invalidField } from '../alerts.shared';
import { poolRobotNameTaken, poolRobotNotFound } from './robot-pool.errors';
import type { RobotPoolRepository } from './robot-pool.repository';
import { webhookHintOf, webhookUrlProblem } from './robot-pool.rules';
import type { AlertChatRobotRow } from './robot-pool.table';

export interface RobotPoolSettings {
  /** Where custom robots live: DingTalk's oapi host, or the sandbox's own URL in sandbox mode. */
  oapiBaseUrl: string;
  requireHttps: boolean;
  /** The configured groups, listed even before they have a pool. */
  itOpsGroupId: string | null;
  leadershipGroupId: string | null;
}

interface NewRobot {
  conversationId: string;
  body: PoolRobotBody;
  actor: { id: string | null; name: string };
  context: AuditContext;
}

const toRobot = (row: AlertChatRobotRow): PoolRobot => ({
  id: row.id,
  conversationId: row.conversationId,
  name: row.name,
  webhookHint: row.webhookHint,
  hasSecret: row.hasSecret,
  enabled: row.enabled,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

/**
 * 机器人池: IT admins register a group's custom robots; the outbox spreads the group's markdown
 * messages over them and the app robot. URL and secret are encrypted at rest and never shown again.
 */
export function createRobotPoolService({ db, repo, audit, cipher, clock, settings }: { db: Db; repo: RobotPoolRepository; audit: AuditService; cipher: FieldCipher; clock: () => Date; settings: RobotPoolSettings }) {
  /** Null only with `ignoreDuplicate`, when the chat's pool already has a robot of that name. */
  async function insertRobot({ conversationId, body, actor, context, ignoreDuplicate }: NewRobot & { ignoreDuplicate: boolean }): Promise<PoolRobot | null> {
    const problem = webhookUrlProblem(body.webhookUrl, settings);
    if (problem) throw invalidField('body.webhookUrl', problem);
    const secret = body.secret ?? null;
    const row = await db.transaction(async (tx) => {
      if ((await repo.countIn(conversationId, tx)) >= maxPoolRobotsPerChat) throw invalidField('params.conversationId', `a chat holds at most ${maxPoolRobotsPerChat} pool robots`);
      const inserted = await repo.insert(
        {
          conversationId,
          name: body.name,
          robotEncrypted: encryptWebhookRobot(cipher, { url: body.webhookUrl, ...(secret ? { secret } : {}) }),
          webhookHint: webhookHintOf(body.webhookUrl),
          hasSecret: secret !== null,
          enabled: body.enabled,
          createdById: actor.id,
          createdBy: actor.name,
          createdAt: clock(),
        },
        { tx, ignoreDuplicate },
      );
      // The hint, never the URL: the token is a credential.
      if (inserted) await audit.record(context, { action: 'alerts.pool_robot_added', target: { type: 'alert_chat_robot', id: inserted.id }, summary: { conversationId, name: body.name, webhookHint: inserted.webhookHint, hasSecret: inserted.hasSecret, enabled: inserted.enabled } }, tx);
      return inserted;
    });
    return row ? toRobot(row) : null;
  }

  return {
    /** The configured groups first, then every other chat that has a pool. */
    async chats(): Promise<{ items: PoolChat[] }> {
      const counts = await repo.countsByChat();
      const known: [string | null, PoolChat['role']][] = [
        [settings.itOpsGroupId, 'it_ops'],
        [settings.leadershipGroupId, 'leadership'],
      ];
      const configured = known.flatMap(([conversationId, role]) => (conversationId ? [{ conversationId, role }] : []));
      const others = counts.filter((row) => !configured.some((chat) => chat.conversationId === row.conversationId)).map((row) => ({ conversationId: row.conversationId, role: 'other' as const }));
      const items = [...configured, ...others].map((chat) => {
        const count = counts.find((row) => row.conversationId === chat.conversationId);
        return { ...chat, robots: count?.robots ?? 0, enabledRobots: count?.enabledRobots ?? 0 };
      });
      return { items };
    },

    list: async (conversationId: string): Promise<{ items: PoolRobot[] }> => ({ items: (await repo.list(conversationId)).map(toRobot) }),

    async add(input: NewRobot): Promise<PoolRobot> {
      const robot = await insertRobot({ ...input, ignoreDuplicate: false });
      if (!robot) throw poolRobotNameTaken(input.body.name);
      return robot;
    },

    /** The demo seed: a robot whose name is already in the pool is left as it is (null). */
    addIfNew: (input: NewRobot) => insertRobot({ ...input, ignoreDuplicate: true }),

    async remove({ conversationId, robotId, context }: { conversationId: string; robotId: string; context: AuditContext }): Promise<void> {
      await db.transaction(async (tx) => {
        const removed = await repo.remove({ conversationId, id: robotId }, tx);
        if (!removed) throw poolRobotNotFound(robotId);
        await audit.record(context, { action: 'alerts.pool_robot_removed', target: { type: 'alert_chat_robot', id: robotId }, summary: { conversationId, name: removed.name, webhookHint: removed.webhookHint } }, tx);
      });
    },

    /** For the outbox worker: the chat's enabled robots, read at delivery time so a change applies at once. */
    poolOf: (conversationId: string): Promise<PooledRobot[]> => repo.listEnabled(conversationId),
  };
}

export type RobotPoolService = ReturnType<typeof createRobotPoolService>;
