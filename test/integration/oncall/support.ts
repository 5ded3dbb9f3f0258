// A cold start (database snapshot, sandbox, demo seed, several logins) can pass 30 s on a busy 2-core machine: tests here allow 120 s.

import { demo } from '../../support/demo-people';
import type { TestApp } from '../../support/test-app';

type Session = Awaited<ReturnType<TestApp['loginAs']>>;

/** The demo IT people as sessions (logged in, so they are DingOps users with their roles). */
export async function itPeople(t: TestApp) {
  const [admin, lina, chengang, sunyue, employee] = await Promise.all([demo.itLead, demo.itStaff, demo.onCall, demo.security, demo.employee].map((id) => t.loginAs(id)));
  return { admin, lina, chengang, sunyue, employee } as Record<'admin' | 'lina' | 'chengang' | 'sunyue' | 'employee', Session>;
}

export async function auditActions(t: TestApp, headers: Record<string, string>, action: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=${action}`, headers });
  return response.json().items as { action: string; actorId: string | null; targetId: string; summary: Record<string, unknown> }[];
}

/** Monday 09:00 Beijing handoffs; 2026-11-23 is a Monday. */
export const weekly = { handoffWeekday: 1, handoffTime: '09:00', startDate: '2026-11-23' };
