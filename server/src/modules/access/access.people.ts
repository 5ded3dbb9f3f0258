import { eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import type { DingTalkClient } from '../../dingtalk/client';
import { DingTalkError } from '../../dingtalk/errors';
import { users } from '../../platform/identity/identity.table';
import { fetchDingTalkPerson } from '../../platform/identity/directory';

/** What access decisions need to know of a person: their name, manager and departments. */
export interface Person {
  userId: string;
  name: string;
  managerId: string | null;
  departmentIds: number[];
  ledDepartmentIds: number[];
  status: 'active' | 'suspended' | string;
}

/**
 * People as DingOps stores them, falling back to DingTalk's directory for someone who never logged
 * in (a team member, a system owner). Reads only; DingTalk is asked outside any transaction.
 */
export function createPeople({ db, dingtalk }: { db: Db; dingtalk: DingTalkClient }) {
  async function stored(userIds: string[], tx: Executor = db): Promise<Map<string, Person>> {
    if (userIds.length === 0) return new Map();
    const rows = await tx.select().from(users).where(inArray(users.dingtalkUserId, [...new Set(userIds)]));
    return new Map(
      rows.map((row) => [
        row.dingtalkUserId,
        {
          userId: row.dingtalkUserId,
          name: row.name,
          managerId: row.managerDingtalkUserId,
          departmentIds: row.departments.map((department) => department.id),
          ledDepartmentIds: row.departments.filter((department) => department.isLeader).map((department) => department.id),
          status: row.status,
        },
      ]),
    );
  }

  return {
    stored,
    /** Names by DingTalk id for display; unknown ids are left out. */
    async names(userIds: string[], tx: Executor = db): Promise<Map<string, string>> {
      const found = await stored(userIds, tx);
      return new Map([...found].map(([id, person]) => [id, person.name]));
    },
    /** The person, from DingOps or else DingTalk; null when DingTalk does not know them either. */
    async find(userId: string): Promise<Person | null> {
      const known = (await stored([userId])).get(userId);
      if (known) return known;
      try {
        const person = await fetchDingTalkPerson(dingtalk, userId);
        return {
          userId,
          name: person.name,
          managerId: person.managerUserId,
          departmentIds: person.departments.map((department) => department.id),
          ledDepartmentIds: person.departments.filter((department) => department.isLeader).map((department) => department.id),
          status: 'active',
        };
      } catch (error) {
        if (error instanceof DingTalkError && error.reason === 'user_not_found') return null;
        throw error;
      }
    },
    /** DingTalk ids of the active people whose department `leaderId` leads. */
    async teamOf(leaderId: string, tx: Executor = db): Promise<string[]> {
      const leader = (await stored([leaderId], tx)).get(leaderId);
      if (!leader || leader.ledDepartmentIds.length === 0) return [];
      const rows = await tx.select({ id: users.dingtalkUserId, departments: users.departments, managerId: users.managerDingtalkUserId }).from(users).where(eq(users.status, 'active'));
      return rows.filter((row) => row.id !== leaderId && (row.managerId === leaderId || row.departments.some((department) => leader.ledDepartmentIds.includes(department.id)))).map((row) => row.id);
    },
  };
}

export type People = ReturnType<typeof createPeople>;
