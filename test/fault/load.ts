import { setTimeout as sleep } from 'node:timers/promises';
import { alertmanagerPayload } from '../support/alertmanager-payload';
import type { DingOpsProcess } from './dingops-process';

/** What a client saw of one request: its status, or 'hang' (no answer in 10 s) or 'refused' (no process). */
export interface Outcome {
  kind: 'session' | 'webhook' | 'ticket' | 'readyz';
  startedAt: number;
  endedAt: number;
  status: number | 'hang' | 'refused';
  /** 503s must tell the client when to come back, and say why as problem+json. */
  retryAfter: string | null;
  code: string | null;
}

export interface Acknowledged {
  /** Alert instances a webhook answered 202 for. */
  alertInstances: string[];
  /** Tickets answered 201. */
  ticketIds: string[];
  /** Stream events the sandbox pushed (org changes): each must end up in the inbox. */
  eventIds: string[];
}

const requestTimeoutMs = 10_000;

/**
 * Signed-in reads, Alertmanager webhooks (a new alert each), new tickets, /readyz, and DingTalk
 * contact events, each in its own loop, until stopped. Records every answer and what was acknowledged.
 */
export function startLoad({ dingops, headers, webhookToken, sandboxUrl, userId }: { dingops: DingOpsProcess; headers: Record<string, string>; webhookToken: string; sandboxUrl: string; userId: string }) {
  const outcomes: Outcome[] = [];
  const acknowledged: Acknowledged = { alertInstances: [], ticketIds: [], eventIds: [] };
  let running = true;
  let sequence = 0;

  async function call(kind: Outcome['kind'], path: string, init: RequestInit = {}): Promise<Response | null> {
    const startedAt = Date.now();
    let status: Outcome['status'];
    let response: Response | null = null;
    let code: string | null = null;
    try {
      response = await fetch(`${dingops.url}${path}`, { ...init, signal: AbortSignal.timeout(requestTimeoutMs) });
      status = response.status;
      if (status >= 400) code = ((await response.clone().json().catch(() => ({}))) as { code?: string }).code ?? null;
    } catch (error) {
      status = (error as Error).name === 'TimeoutError' ? 'hang' : 'refused';
    }
    outcomes.push({ kind, startedAt, endedAt: Date.now(), status, retryAfter: response?.headers.get('retry-after') ?? null, code });
    return response;
  }

  const json = (body: unknown, extra: Record<string, string> = {}): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });

  async function loop(pauseMs: number, step: () => Promise<void>) {
    while (running) {
      await step();
      await sleep(pauseMs);
    }
  }

  const loops = [
    loop(40, async () => void (await call('session', '/api/v1/me', { headers }))),
    loop(40, async () => void (await call('session', '/api/v1/tickets?limit=5', { headers }))),
    loop(100, async () => void (await call('readyz', '/readyz'))),
    loop(60, async () => {
      const instance = `i${(sequence += 1)}`;
      const alert = { labels: { alertname: 'FaultRestart', service: 'erp', instance, severity: 'warning' }, annotations: { summary: `restart load ${instance}` } };
      const response = await call('webhook', '/api/v1/alerts/webhooks/alertmanager', json(alertmanagerPayload([alert]), { authorization: `Bearer ${webhookToken}` }));
      if (response?.status === 202) acknowledged.alertInstances.push(instance);
    }),
    loop(400, async () => {
      const response = await call('ticket', '/api/v1/tickets', json({ category: 'other', title: `重启测试 ${(sequence += 1)}`, description: '数据库重启期间提交', impact: 'self', urgency: 'low' }, headers));
      if (response?.status === 201) acknowledged.ticketIds.push(((await response.json()) as { id: string }).id);
    }),
    loop(500, async () => {
      const change = { type: 'user_modify_org', userId, title: `工程师 ${(sequence += 1)}` };
      const response = await fetch(`${sandboxUrl}/sandbox/api/org-events`, json(change)).catch(() => null);
      if (response?.status === 201) acknowledged.eventIds.push(((await response.json()) as { eventId: string }).eventId);
    }),
  ];

  return {
    outcomes,
    acknowledged,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

const isOk = (outcome: Outcome) => typeof outcome.status === 'number' && outcome.status < 300;

/** What one outage looked like to clients: from `from` (the fault began) until every kind of request succeeded again. */
export function summarise(outcomes: Outcome[], { from, postgresBackAt }: { from: number; postgresBackAt: number }) {
  const after = outcomes.filter((outcome) => outcome.startedAt >= from);
  const firstOkAfterBack = (kind: Outcome['kind']) => after.find((outcome) => outcome.kind === kind && outcome.startedAt >= postgresBackAt && isOk(outcome));
  const kinds = ['session', 'webhook', 'ticket', 'readyz'] as const;
  const okAt = Object.fromEntries(kinds.map((kind) => [kind, firstOkAfterBack(kind)?.endedAt ?? Number.POSITIVE_INFINITY])) as Record<Outcome['kind'], number>;
  const recoveredAt = Math.max(...Object.values(okAt));
  const window = after.filter((outcome) => outcome.startedAt < recoveredAt);
  const api = window.filter((outcome) => outcome.kind !== 'readyz');
  const readyz = window.filter((outcome) => outcome.kind === 'readyz');
  return {
    postgresDownSeconds: (postgresBackAt - from) / 1000,
    recoverySeconds: (recoveredAt - postgresBackAt) / 1000,
    /** Seconds from Postgres answering again to the first success of each kind of request. */
    recoveredBy: kinds.map((kind) => `${kind} ${((okAt[kind] - postgresBackAt) / 1000).toFixed(2)}`).join(', '),
    requests: api.length,
    unavailable: api.filter((outcome) => outcome.status === 503).length,
    unavailableWithoutRetryAfter: api.filter((outcome) => outcome.status === 503 && (outcome.retryAfter === null || outcome.code !== 'database.unavailable')).length,
    /** Anything but success or 503: a 401 "log in again", a 500, a hang, a refused connection. */
    unexpected: api.filter((outcome) => !isOk(outcome) && outcome.status !== 503).map((outcome) => `${outcome.kind} ${outcome.status}`),
    readyzStatuses: [...new Set(readyz.map((outcome) => outcome.status))],
    slowestMs: Math.max(0, ...api.map((outcome) => outcome.endedAt - outcome.startedAt)),
  };
}
