import { defaultEscalationSteps } from '@dingops/shared/oncall';
import { shiftStartAt } from '@dingops/shared/rules/on-call';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client';
import type { DingTalkClient } from '../../dingtalk/client';
import { demoUserIds } from '../../dingtalk/sandbox/org-seed';
import { type AuditService, systemContext } from '../../platform/audit/audit.service';
import { fetchDingTalkPerson } from '../../platform/identity/directory';
import type { IdentityService } from '../../platform/identity/identity.service';
import type { OncallRepository } from './oncall.repository';

interface Deps {
  db: Db;
  repo: OncallRepository;
  audit: AuditService;
  identity: IdentityService;
  dingtalk: DingTalkClient;
  clock: () => Date;
  log: FastifyBaseLogger;
  /** Sandbox mode with the demo company seeded. */
  enabled: boolean;
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

/** After a failed seed, the next one waits this long, doubling per failure up to the cap. */
const retryDelayMs = { first: 5_000, max: 60_000 };

/**
 * Seeds the demo schedule "IT 值班" and the default escalation policy into empty on-call tables, in
 * sandbox mode only. It runs on first use rather than at start-up: the rotation names DingOps users,
 * so the demo IT people are synced from the directory, and a server that never uses on-call should
 * not gain users it did not see log in. Returns `ready()`: idempotent. When DingTalk fails (throttled
 * in a storm) the seed is tried again on a later use, no sooner than the back-off allows, so a storm's
 * thousands of look-ups do not pile onto a struggling DingTalk and the escalation job's next run
 * after it recovers fills the schedule.
 */
export function createDemoSeeder({ db, repo, audit, identity, dingtalk, clock, log, enabled }: Deps) {
  let seeding: Promise<void> | null = null;
  let failures = 0;
  let retryAt = 0;

  async function seed() {
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
  }

  return function ready(): Promise<void> {
    if (!enabled) return Promise.resolve();
    if (seeding) return seeding;
    if (clock().getTime() < retryAt) return Promise.resolve();
    seeding = seed().then(
      () => {
        failures = 0;
      },
      (error: unknown) => {
        // DingTalk failing, or another instance seeding at the same moment (it loses on the one-default index).
        failures += 1;
        const delayMs = Math.min(retryDelayMs.max, retryDelayMs.first * 2 ** (failures - 1));
        retryAt = clock().getTime() + delayMs;
        log.warn({ err: error, failures, retryInMs: delayMs }, 'Seeding the demo on-call schedule failed; trying again on a later use');
        seeding = null;
      },
    );
    return seeding;
  };
}
