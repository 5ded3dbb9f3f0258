import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { DingTalkClient } from '../../dingtalk/client';
import { DingTalkError } from '../../dingtalk/errors';
import type { AuditContext } from '../../platform/audit/audit.service';
import { fetchDingTalkPerson } from '../../platform/identity/directory';
import type { AccountChangeSource, DingTalkPerson, IdentityService } from '../../platform/identity/identity.service';
import type { InboxHandler, PreparedInboxHandler } from '../../platform/inbox/inbox.dispatcher';
import type { InboxRow } from '../../platform/inbox/inbox.table';

/** The contact events DingOps follows; DingTalk names them in the subscription list (事件订阅 → 通讯录). */
export const orgEventTopics = { leave: 'user_leave_org', modify: 'user_modify_org', add: 'user_add_org' } as const;

const dingtalkUserId = z.string().trim().min(1).max(64);

/**
 * Both transports give camelCase top-level keys (the HTTP transport converts `UserId`). DingTalk sends
 * `userId` as an array; a single string is accepted too. `optStaffId` is missing for HR-system hires.
 */
const orgEventPayload = z.object({
  userId: z.union([z.array(dingtalkUserId).min(1).max(100), dingtalkUserId.transform((id) => [id])]),
  optStaffId: z.string().max(64).optional(),
});

/** Audit rows written for an org event name DingTalk's contact sync as the actor. */
const orgEventContext = (event: InboxRow): AuditContext => ({ actorId: 'dingtalk', actorName: `钉钉通讯录 ${event.topic}`, sourceIp: null, requestId: event.eventKey });

export const leftOrgReason = 'Left the organisation in DingTalk (user_leave_org)';

/**
 * Keeps DingOps' people in step with the DingTalk directory (rule S2: access follows the job). A
 * leaver is suspended at once, so their sessions stop on the next request; a join or a change is read
 * back from DingTalk (events carry ids only) before the inbox event's transaction, then stored in it.
 * A replayed event finds nothing left to do.
 */
export function createOrgEventHandlers({ identity, dingtalk, log }: { identity: IdentityService; dingtalk: DingTalkClient; log: FastifyBaseLogger }) {
  function parse(event: InboxRow) {
    const payload = orgEventPayload.safeParse(event.payload);
    if (!payload.success) {
      // Retrying cannot fix a payload; it stays in the inbox for anyone who looks.
      log.warn({ inboxId: String(event.id), topic: event.topic, issues: payload.error.issues }, 'Ignored an org event without user ids');
      return null;
    }
    const source: AccountChangeSource = { kind: 'dingtalk_org_event', eventType: event.topic, inboxEventId: String(event.id), operatorDingtalkUserId: payload.data.optStaffId ?? null };
    return { userIds: [...new Set(payload.data.userId)], source, context: orgEventContext(event) };
  }

  const onLeave: InboxHandler = async (event, tx) => {
    const parsed = parse(event);
    if (!parsed) return;
    for (const id of parsed.userIds) {
      const user = await identity.findByDingtalkId(id, tx);
      if (!user) {
        // Never logged in: no account and no session to stop. (DingTalk will not issue them a login code.)
        log.info({ dingtalkUserId: id }, 'A person DingOps never saw left the organisation');
        continue;
      }
      const { changed } = await identity.suspend({ userId: user.id, reason: leftOrgReason, context: parsed.context, source: parsed.source }, tx);
      log.info({ userId: user.id, changed }, 'Suspended a person who left the organisation');
    }
  };

  /** Join and change alike: the directory says who the person is now. */
  const onJoinOrChange: PreparedInboxHandler<{ parsed: NonNullable<ReturnType<typeof parse>>; people: DingTalkPerson[] } | null> = {
    async prepare(event) {
      const parsed = parse(event);
      if (!parsed) return null;
      const people: DingTalkPerson[] = [];
      for (const id of parsed.userIds) {
        const person = await fetchDingTalkPerson(dingtalk, id).catch((error: unknown) => {
          // Gone again by the time we read them (a leave follows): that leave event handles it.
          if (error instanceof DingTalkError && error.reason === 'user_not_found') return null;
          throw error;
        });
        if (person) people.push(person);
        else log.info({ dingtalkUserId: id, topic: event.topic }, 'Skipped an org event for a person no longer in the directory');
      }
      return { parsed, people };
    },
    async handle(event, prepared, tx) {
      if (!prepared) return;
      const { parsed, people } = prepared;
      for (const person of people) {
        const { user, outcome } = await identity.applyDirectoryProfile({ person, context: parsed.context, source: parsed.source }, tx);
        log.info({ userId: user.id, outcome, topic: event.topic }, 'Applied an org event');
      }
    },
  };

  return { onLeave, onJoinOrChange };
}
