import { and, asc, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { roleGrants, users } from '../../platform/identity/identity.table';
import { escalationPolicies, oncallOverrides, oncallScheduleMembers, oncallSchedules, type OverrideRow, type PolicyRow, type ScheduleRow } from './oncall.table';

/** A person as on-call needs them: how to reach them and whether they may be on call at all. */
export interface PersonRow {
  userId: string;
  dingtalkUserId: string;
  name: string;
  isActive: boolean;
  isIt: boolean;
}

export type NewSchedule = Omit<typeof oncallSchedules.$inferInsert, 'id'>;
export type NewPolicy = Omit<typeof escalationPolicies.$inferInsert, 'id'>;

export function createOncallRepository({ db }: { db: Db }) {
  return {
    async people(ids: readonly string[], tx: Executor = db): Promise<Map<string, PersonRow>> {
      if (ids.length === 0) return new Map();
      const rows = await tx.select({ userId: users.id, dingtalkUserId: users.dingtalkUserId, name: users.name, status: users.status }).from(users).where(inArray(users.id, [...ids]));
      const grants = await tx.select().from(roleGrants).where(inArray(roleGrants.dingtalkUserId, rows.map((row) => row.dingtalkUserId).concat('')));
      const itPeople = new Set(grants.filter((grant) => grant.role === 'it_staff' || grant.role === 'it_admin').map((grant) => grant.dingtalkUserId));
      return new Map(rows.map((row) => [row.userId, { userId: row.userId, dingtalkUserId: row.dingtalkUserId, name: row.name, isActive: row.status === 'active', isIt: itPeople.has(row.dingtalkUserId) }]));
    },

    /** The default first, then oldest first. */
    async listSchedules(tx: Executor = db): Promise<ScheduleRow[]> {
      return tx.select().from(oncallSchedules).orderBy(desc(oncallSchedules.isDefault), asc(oncallSchedules.createdAt), asc(oncallSchedules.name), asc(oncallSchedules.id)).limit(100);
    },

    async findSchedule(id: string, tx: Executor = db): Promise<ScheduleRow | null> {
      const [row] = await tx.select().from(oncallSchedules).where(eq(oncallSchedules.id, id));
      return row ?? null;
    },

    async findDefaultSchedule(tx: Executor = db): Promise<ScheduleRow | null> {
      const [row] = await tx.select().from(oncallSchedules).where(eq(oncallSchedules.isDefault, true));
      return row ?? null;
    },

    /** Members in rotation order for each schedule. */
    async membersOf(scheduleIds: readonly string[], tx: Executor = db): Promise<Map<string, string[]>> {
      const members = new Map<string, string[]>(scheduleIds.map((id) => [id, []]));
      if (scheduleIds.length === 0) return members;
      const rows = await tx.select().from(oncallScheduleMembers).where(inArray(oncallScheduleMembers.scheduleId, [...scheduleIds])).orderBy(asc(oncallScheduleMembers.position));
      for (const row of rows) members.get(row.scheduleId)?.push(row.userId);
      return members;
    },

    async insertSchedule(values: NewSchedule, tx: Executor): Promise<ScheduleRow> {
      const [row] = await tx.insert(oncallSchedules).values(values).returning();
      return row as ScheduleRow;
    },

    async updateSchedule(id: string, values: Partial<NewSchedule>, tx: Executor): Promise<ScheduleRow | null> {
      const [row] = await tx.update(oncallSchedules).set(values).where(eq(oncallSchedules.id, id)).returning();
      return row ?? null;
    },

    async replaceMembers(scheduleId: string, members: readonly string[], tx: Executor): Promise<void> {
      await tx.delete(oncallScheduleMembers).where(eq(oncallScheduleMembers.scheduleId, scheduleId));
      if (members.length > 0) await tx.insert(oncallScheduleMembers).values(members.map((userId, position) => ({ scheduleId, position, userId })));
    },

    /** Only one schedule (or policy) is the default: setting a new one clears the old. */
    async clearDefaultSchedule(tx: Executor): Promise<void> {
      await tx.update(oncallSchedules).set({ isDefault: false }).where(eq(oncallSchedules.isDefault, true));
    },

    /** Overrides of these schedules that end after `from` and start before `to` (null: any time later). */
    async overridesOf(scheduleIds: readonly string[], span: { from: Date; to: Date | null }, tx: Executor = db): Promise<OverrideRow[]> {
      if (scheduleIds.length === 0) return [];
      const where = and(inArray(oncallOverrides.scheduleId, [...scheduleIds]), gt(oncallOverrides.endsAt, span.from), span.to ? lt(oncallOverrides.startsAt, span.to) : undefined);
      return tx.select().from(oncallOverrides).where(where).orderBy(asc(oncallOverrides.startsAt), asc(oncallOverrides.id)).limit(500);
    },

    async insertOverride(values: Omit<typeof oncallOverrides.$inferInsert, 'id'>, tx: Executor): Promise<OverrideRow> {
      const [row] = await tx.insert(oncallOverrides).values(values).returning();
      return row as OverrideRow;
    },

    async deleteOverride({ scheduleId, overrideId }: { scheduleId: string; overrideId: string }, tx: Executor): Promise<OverrideRow | null> {
      const [row] = await tx.delete(oncallOverrides).where(and(eq(oncallOverrides.id, overrideId), eq(oncallOverrides.scheduleId, scheduleId))).returning();
      return row ?? null;
    },

    async listPolicies(tx: Executor = db): Promise<PolicyRow[]> {
      return tx.select().from(escalationPolicies).orderBy(desc(escalationPolicies.isDefault), asc(escalationPolicies.createdAt), asc(escalationPolicies.name), asc(escalationPolicies.id)).limit(100);
    },

    async findPolicy(id: string, tx: Executor = db): Promise<PolicyRow | null> {
      const [row] = await tx.select().from(escalationPolicies).where(eq(escalationPolicies.id, id));
      return row ?? null;
    },

    async findDefaultPolicy(tx: Executor = db): Promise<PolicyRow | null> {
      const [row] = await tx.select().from(escalationPolicies).where(eq(escalationPolicies.isDefault, true));
      return row ?? null;
    },

    async insertPolicy(values: NewPolicy, tx: Executor): Promise<PolicyRow> {
      const [row] = await tx.insert(escalationPolicies).values(values).returning();
      return row as PolicyRow;
    },

    async updatePolicy(id: string, values: Partial<NewPolicy>, tx: Executor): Promise<PolicyRow | null> {
      const [row] = await tx.update(escalationPolicies).set(values).where(eq(escalationPolicies.id, id)).returning();
      return row ?? null;
    },

    async clearDefaultPolicy(tx: Executor): Promise<void> {
      await tx.update(escalationPolicies).set({ isDefault: false }).where(eq(escalationPolicies.isDefault, true));
    },

    async isEmpty(tx: Executor = db): Promise<boolean> {
      const [schedule] = await tx.select({ id: oncallSchedules.id }).from(oncallSchedules).limit(1);
      const [policy] = await tx.select({ id: escalationPolicies.id }).from(escalationPolicies).limit(1);
      return !schedule && !policy;
    },
  };
}

export type OncallRepository = ReturnType<typeof createOncallRepository>;
