import type { User, UserStatus } from '@dingops/shared/users';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import type { AuditService } from '../audit/audit.service';
import { auditLog } from '../audit/audit.table';
import type { IdentityRepository } from './identity.repository';
import type { StatusChange } from './identity.types';

/** Which statuses each change starts from, and the audit action it writes. */
const transitions = {
  suspend: { to: 'suspended', from: ['active', 'pending', 'rejected'], action: 'users.suspended' },
  reactivate: { to: 'active', from: ['suspended'], action: 'users.reactivated' },
  activate: { to: 'active', from: ['pending'], action: 'users.activated' },
  reject: { to: 'rejected', from: ['pending'], action: 'users.rejected' },
} as const satisfies Record<string, { to: UserStatus; from: readonly UserStatus[]; action: string }>;
type Transition = keyof typeof transitions;

/** An account's status (rule S1 review, suspension), each change audited with its reason and source. */
export function createStatusChanges({ db, repo, audit, requireUser }: { db: Db; repo: IdentityRepository; audit: AuditService; requireUser: (id: string, tx?: Executor) => Promise<User> }) {
  /** Moves a person's status along one transition, with an audit row holding before, after, reason and source. */
  async function changeStatus(transition: Transition, { userId, reason, context, source }: StatusChange, tx: Executor): Promise<{ user: User; changed: boolean }> {
    const { to, from, action } = transitions[transition];
    const before = await requireUser(userId, tx);
    const row = await repo.changeStatus({ id: userId, status: to, from }, tx);
    if (!row) return { user: before, changed: false };
    await audit.record(context, { action, target: { type: 'user', id: userId }, summary: { before: before.status, after: to, reason, source } }, tx);
    return { user: await requireUser(userId, tx), changed: true };
  }

  const inTransaction = (transition: Transition) => (change: StatusChange, tx?: Executor) =>
    tx ? changeStatus(transition, change, tx) : db.transaction((own) => changeStatus(transition, change, own));

  return {
    /** Suspends an account: its sessions are refused from the next request on (the actor is reloaded per request). */
    suspend: inTransaction('suspend'),

    /** Makes a suspended account active again; the person logs in anew. */
    reactivate: inTransaction('reactivate'),

    /** Rule S1: IT verified a person waiting for review; they use DingOps from their next request on. */
    activate: inTransaction('activate'),

    /** Rule S1: IT refused a registration; the person's logins are refused with the reason. */
    reject: inTransaction('reject'),

    /** The reason IT gave when it refused this person's registration (kept in the audit trail). */
    async rejectionReason(userId: string): Promise<string | null> {
      const [latest] = await db
        .select({ summary: auditLog.summary })
        .from(auditLog)
        .where(and(eq(auditLog.action, transitions.reject.action), eq(auditLog.targetType, 'user'), eq(auditLog.targetId, userId)))
        .orderBy(desc(auditLog.id))
        .limit(1);
      const reason = latest?.summary.reason;
      return typeof reason === 'string' ? reason : null;
    },
  };
}
