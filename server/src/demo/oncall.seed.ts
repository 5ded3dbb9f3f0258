import { defaultEscalationSteps } from '@dingops/shared/oncall';
import { shiftStartAt } from '@dingops/shared/rules/on-call';
import type { Db } from '../db/client';
import type { DingTalkClient } from '../dingtalk/client';
import { createOncallRepository } from '../modules/oncall';
import { type AuditService, systemContext } from '../platform/audit/audit.service';
import { fetchDingTalkPerson } from '../platform/identity/directory';
import type { IdentityService } from '../platform/identity/identity.service';
import { demoUserIds } from '../sandbox';

interface Deps {
  db: Db;
  audit: AuditService;
  identity: IdentityService;
  dingtalk: DingTalkClient;
  clock: () => Date;
}

/** DEMO.md: 陈刚 is on call this week, then 李娜, then 孙悦; hand over Mondays 09:00. */
const demoRotation = [demoUserIds.chengang, demoUserIds.lina, demoUserIds.sunyue];
const handoff = { handoffWeekday: 1, handoffTime: '09:00' } as const;
const beijingOffsetMs = 8 * 3_600_000;

/** The local date of this week's handoff, so the first member's shift is the one running now. */
function startDateFor(now: Date): string {
  const shiftStart = shiftStartAt({ members: demoRotation, ...handoff, startDate: '2026-01-05' }, now);
  return new Date(shiftStart.getTime() + beijingOffsetMs).toISOString().slice(0, 10);
}

/**
 * Seeds the demo schedule "IT 值班" and the default escalation policy into empty on-call tables. The
 * start-up sets it as on-call's first-use step: the rotation names DingOps users, so the demo IT
 * people are synced from the directory, and a server that never uses on-call should not gain users
 * it did not see log in. On-call retries it after a failure (DingTalk failing, or another instance
 * seeding at the same moment: it loses on the one-default index).
 */
export function createOncallDemoSeed({ db, audit, identity, dingtalk, clock }: Deps) {
  const repo = createOncallRepository({ db });
  return async function seed() {
    if (!(await repo.isEmpty())) return;
    const people = await Promise.all(demoRotation.map((userId) => fetchDingTalkPerson(dingtalk, userId)));
    await db.transaction(async (tx) => {
      if (!(await repo.isEmpty(tx))) return;
      const members = [];
      for (const person of people) members.push((await identity.syncPerson(person, {}, tx)).user.id);
      const now = clock();
      const schedule = await repo.insertSchedule({ name: 'IT 值班', isDefault: true, ...handoff, startDate: startDateFor(now), createdAt: now, updatedAt: now }, tx);
      await repo.replaceMembers(schedule.id, members, tx);
      const policy = await repo.insertPolicy({ name: '默认升级策略', isDefault: true, steps: defaultEscalationSteps, createdAt: now, updatedAt: now }, tx);
      await audit.record(systemContext, { action: 'oncall.demo_seeded', target: { type: 'oncall_schedule', id: schedule.id }, summary: { members, policyId: policy.id } }, tx);
    });
  };
}
