import type { WebhookSourceKind } from '../../../shared/src/alert-sources';
import { alertmanagerPayload, type TestAlert } from '../../support/alertmanager-payload';
import { demo } from '../../support/demo-people';
import type { TestApp } from '../../support/test-app';

export { alertmanagerPayload, type TestAlert };

/** Helpers shared by the alerts tests: a source and its token, payloads as monitors send them, the card as the sandbox shows it. */

export async function createSource(t: TestApp, kind: WebhookSourceKind = 'alertmanager') {
  const admin = await t.loginAs(demo.itLead);
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources', headers: admin.headers, payload: { name: `${kind} 生产`, kind } });
  if (response.statusCode !== 201) throw new Error(`source create failed: ${response.statusCode} ${response.body}`);
  const source = response.json() as { id: string; token: string };
  return { ...source, admin, bearer: { authorization: `Bearer ${source.token}` } };
}

export async function post(t: TestApp, token: string, alerts: TestAlert[]) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/alertmanager', headers: { authorization: `Bearer ${token}` }, payload: alertmanagerPayload(alerts) });
  if (response.statusCode !== 202) throw new Error(`webhook failed: ${response.statusCode} ${response.body}`);
  return response.json() as { accepted: number; groups: number };
}

export const erpDown = (instance = 'db1', extra: Record<string, string> = {}): TestAlert => ({
  labels: { alertname: 'ErpDatabaseDown', service: 'erp', instance, severity: 'critical', ...extra },
  annotations: { summary: `ERP 数据库 ${instance} 无法连接` },
});

export async function groupsOf(t: TestApp, headers: Record<string, string>, query = '') {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups${query}`, headers });
  if (response.statusCode !== 200) throw new Error(`groups failed: ${response.statusCode} ${response.body}`);
  return (response.json() as { items: { id: string; status: string; level: number; firingCount: number; alertCount: number; flapping: boolean; suppressed: boolean; acknowledgedBy: string | null; levelReason: string; ticketId: string | null; escalationStepsDone: number[] }[] }).items;
}

export interface SandboxCardView {
  outTrackId: string;
  cardParamMap: Record<string, string>;
  deliveries: { atNames: string[]; spaceId: string }[];
  updates: unknown[];
  /** How the sandbox draws the card. */
  render: { statusColor: string; headerColor: string; level: number | null };
}

export async function cardOf(t: TestApp, groupId: string): Promise<SandboxCardView | null> {
  try {
    return await t.sandboxApi<SandboxCardView>(`/cards/alert-group-${groupId}`);
  } catch {
    return null;
  }
}

export async function notificationsOf(t: TestApp, userId: string): Promise<string[]> {
  const { notifications } = await t.sandboxApi<{ notifications: { msg: unknown }[] }>(`/work-notifications?userId=${userId}`);
  return notifications.map((note) => JSON.stringify(note.msg));
}
