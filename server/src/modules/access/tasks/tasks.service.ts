import type { AccessTask } from '@dingops/shared/access';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import type { Actor } from '../../../platform/identity/identity.service';
import { taskDone, taskNotFound } from '../access.errors';
import type { People } from '../access.people';
import { accessGrants, accessRoles, accessSystems, accessTasks } from '../access.table';
import type { GrantsService } from '../grants/grants.service';

/** IT's manual steps in systems DingOps cannot reach: set a role up, or take it away (issue 12 item 3). */
export function createTasksService({ db, audit, people, grants, clock }: { db: Db; audit: AuditService; people: People; grants: GrantsService; clock: () => Date }) {
  async function list(status: 'open' | 'done'): Promise<{ items: AccessTask[] }> {
    return { items: await tasksWhere(eq(accessTasks.status, status)) };
  }

  async function tasksWhere(condition: SQL): Promise<AccessTask[]> {
    const rows = await db
      .select({ task: accessTasks, grant: accessGrants, role: accessRoles, system: accessSystems })
      .from(accessTasks)
      .innerJoin(accessGrants, eq(accessGrants.id, accessTasks.grantId))
      .innerJoin(accessRoles, eq(accessRoles.id, accessGrants.roleId))
      .innerJoin(accessSystems, eq(accessSystems.id, accessRoles.systemId))
      .where(condition)
      .orderBy(desc(accessTasks.id))
      .limit(200);
    const names = await people.names(rows.flatMap(({ grant, task }) => [grant.userDingtalkId, task.doneBy ?? '']));
    return rows.map(({ task, grant, role, system }) => ({
        id: task.id,
        kind: task.kind,
        status: task.status,
        grantId: grant.id,
        userId: grant.userDingtalkId,
        userName: names.get(grant.userDingtalkId) ?? null,
        systemName: system.name,
        roleName: role.name,
        createdAt: task.createdAt.toISOString(),
        doneAt: task.doneAt?.toISOString() ?? null,
        doneBy: task.doneBy ? (names.get(task.doneBy) ?? task.doneBy) : null,
      }));
  }

  return {
    list,
    /** Marks the step done; a provisioning grant becomes active then (and only then). */
    async done({ id, actor, context }: { id: number; actor: Actor; context: AuditContext }): Promise<AccessTask> {
      await db.transaction(async (tx) => {
        const [task] = await tx.select().from(accessTasks).where(eq(accessTasks.id, id)).for('update');
        if (!task) throw taskNotFound(id);
        const [marked] = await tx.update(accessTasks).set({ status: 'done', doneBy: actor.dingtalkUserId, doneAt: clock() }).where(and(eq(accessTasks.id, id), eq(accessTasks.status, 'open'))).returning();
        if (!marked) throw taskDone();
        await audit.record(context, { action: 'access.task_done', target: { type: 'access_task', id: String(id) }, summary: { kind: task.kind, grantId: task.grantId } }, tx);
        if (task.kind === 'provision') await grants.activate(tx, task.grantId, context);
      });
      return (await tasksWhere(eq(accessTasks.id, id)))[0]!;
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;
