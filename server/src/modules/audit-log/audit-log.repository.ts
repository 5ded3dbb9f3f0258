import { and, desc, eq, getTableColumns, gte, like, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { startingWith } from '../../db/like';
import { auditLog } from '../../platform/audit/audit.table';
import { users } from '../../platform/identity/identity.table';
import type { AuditLogFilter } from './audit-log.filters';

/**
 * The auditor's reads of the trail: newest first, keyset by id, each row with the actor's DingTalk id.
 * Audit rows name people by DingOps id as text (system actors too), so the join casts the user's id.
 */
export function createAuditLogRepository({ db }: { db: Db }) {
  const conditionsOf = (filter: AuditLogFilter): SQL[] => {
    const conditions: SQL[] = [];
    if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
    if (filter.actorDingtalkId) conditions.push(eq(users.dingtalkUserId, filter.actorDingtalkId));
    if (filter.action) conditions.push(eq(auditLog.action, filter.action));
    if (filter.actionFamily) conditions.push(like(auditLog.action, startingWith(`${filter.actionFamily}.`)));
    if (filter.targetType) conditions.push(eq(auditLog.targetType, filter.targetType));
    if (filter.targetId) conditions.push(eq(auditLog.targetId, filter.targetId));
    if (filter.from) conditions.push(gte(auditLog.at, filter.from));
    if (filter.to) conditions.push(lte(auditLog.at, filter.to));
    return conditions;
  };

  return {
    /** One page below `beforeId` (null: from the newest), newest first. */
    listNewestFirst({ filter, beforeId, limit }: { filter: AuditLogFilter; beforeId: bigint | null; limit: number }) {
      const conditions = conditionsOf(filter);
      if (beforeId !== null) conditions.push(lt(auditLog.id, beforeId));
      return db
        .select({ ...getTableColumns(auditLog), actorDingtalkId: users.dingtalkUserId })
        .from(auditLog)
        .leftJoin(users, sql`${users.id}::text = ${auditLog.actorId}`)
        .where(and(...conditions))
        .orderBy(desc(auditLog.id))
        .limit(limit);
    },
  };
}

export type AuditLogRepository = ReturnType<typeof createAuditLogRepository>;
export type AuditLogRow = Awaited<ReturnType<AuditLogRepository['listNewestFirst']>>[number];
