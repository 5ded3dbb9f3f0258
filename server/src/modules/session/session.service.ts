import type { PublicConfig, Session } from '@dingops/shared/auth';
import type { Db } from '../../db/client';
import type { DingTalkClient } from '../../dingtalk/client';
import { DingTalkError } from '../../dingtalk/errors';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import { dingtalkUnavailable } from '../../platform/errors/platform.errors';
import { fetchDingTalkPerson } from '../../platform/identity/directory';
import type { DingTalkPerson, IdentityService } from '../../platform/identity/identity.service';
import { accountSuspended, invalidAuthCode, registrationRejected } from './session.errors';

interface SessionDeps {
  db: Db;
  dingtalk: DingTalkClient;
  identity: IdentityService;
  audit: AuditService;
  clock: () => Date;
  issueToken: (actorId: string) => { token: string; expiresAt: Date };
  publicConfig: PublicConfig;
}

export function createSessionService({ db, dingtalk, identity, audit, clock, issueToken, publicConfig }: SessionDeps) {
  async function fetchPerson(authCode: string): Promise<DingTalkPerson> {
    const { userId } = await dingtalk.getIdentityByAuthCode(authCode);
    return fetchDingTalkPerson(dingtalk, userId);
  }

  async function recordFailure(context: AuditContext, reason: string, dingtalkUserId?: string) {
    await audit.record(context, {
      action: 'auth.login',
      result: 'failure',
      target: dingtalkUserId ? { type: 'dingtalk_user', id: dingtalkUserId } : null,
      summary: { reason },
    });
  }

  return {
    publicConfig: () => publicConfig,

    sandboxAccess: async () => ({ people: await identity.listAccess() }),

    /** Exchanges a DingTalk auth code for a DingOps session (rule S4: every login is logged, both ways). */
    async login({ authCode, context }: { authCode: string; context: AuditContext }): Promise<Session> {
      let person: DingTalkPerson;
      try {
        person = await fetchPerson(authCode);
      } catch (error) {
        if (error instanceof DingTalkError && error.reason === 'invalid_auth_code') {
          await recordFailure(context, 'invalid_auth_code');
          throw invalidAuthCode();
        }
        if (error instanceof DingTalkError) {
          await recordFailure(context, `dingtalk_${error.reason}`);
          throw dingtalkUnavailable(error.message);
        }
        throw error;
      }
      const { user } = await db.transaction(async (tx) => {
        const synced = await identity.syncPerson(person, { loggedInAt: clock() }, tx);
        if (synced.user.status === 'active' || synced.user.status === 'pending') {
          // A pending person gets a session too: the micro-app shows them the waiting page (rule S1).
          const asUser = { ...context, actorId: synced.user.id, actorName: synced.user.name };
          const registration = synced.registration ? { registration: synced.registration.because } : {};
          await audit.record(asUser, { action: 'auth.login', target: { type: 'user', id: synced.user.id }, summary: { roles: synced.user.roles, created: synced.created, status: synced.user.status, ...registration } }, tx);
        }
        return synced;
      });
      if (user.status === 'rejected') {
        await recordFailure({ ...context, actorId: user.id, actorName: user.name }, 'registration_rejected', person.userId);
        throw registrationRejected(await identity.rejectionReason(user.id));
      }
      if (user.status === 'suspended') {
        await recordFailure({ ...context, actorId: user.id, actorName: user.name }, 'account_suspended', person.userId);
        throw accountSuspended();
      }
      const { token, expiresAt } = issueToken(user.id);
      return { token, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), expiresIn: Math.round((expiresAt.getTime() - clock().getTime()) / 1000), user };
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
