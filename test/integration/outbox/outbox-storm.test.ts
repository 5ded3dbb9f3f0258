import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { encryptWebhookRobot } from '../../../server/src/platform/outbox/outbox.effects';
import { outbox } from '../../../server/src/platform/outbox/outbox.table';
import { buildTestApp } from '../../support/test-app';

interface Robot {
  key: string;
  kind: 'enterprise' | 'webhook';
  robotCode?: string | null;
  webhookUrl?: string | null;
  secret?: string | null;
  conversationIds?: string[];
}

/**
 * Issue 3 "fault test": DingTalk answers half the calls with errors and then throttles; 1,000
 * messages over several groups and robots, plus level-1 effects queued last, must all arrive exactly
 * once, level 1 first, without any robot ever going over its budget in the sandbox's own count.
 * DingTalk's minute is shrunk to half a second on both sides.
 */
describe('outbox under a storm', () => {
  it('F2/P2: 1,000 messages through failing and throttling DingTalk arrive exactly once, level 1 first, within every robot’s budget', { timeout: 240_000 }, async () => {
    const t = await buildTestApp(
      {
        OUTBOX_WORKER: 'true',
        OUTBOX_CONCURRENCY: '4',
        OUTBOX_POLL_MS: '20',
        OUTBOX_RETRY_BASE_MS: '100',
        OUTBOX_RETRY_MAX_MS: '1000',
        OUTBOX_MAX_ATTEMPTS: '100',
        ROBOT_RATE_LIMIT: '20',
        ROBOT_RATE_WINDOW_MS: '500',
        // DingTalk counts arrivals; on embedded PGlite the app, the database and this in-process sandbox share
        // one thread, so sends can bunch by a few hundred ms: our window is twice the sandbox's.
        ROBOT_RATE_MARGIN_MS: '500',
        ROBOT_THROTTLE_PENALTY_MS: '1000',
      },
      { realClock: true },
    );
    await t.sandboxApi('/rate-limit', { method: 'PUT', body: { windowMs: 500, penaltyMs: 1000 } });
    const { robots } = await t.sandboxApi<{ robots: Robot[] }>('/robots');
    const enterprise = robots.find((robot) => robot.kind === 'enterprise')!;
    const webhooks = robots.filter((robot) => robot.kind === 'webhook');
    expect(webhooks.length).toBeGreaterThanOrEqual(2);
    const groups = enterprise.conversationIds ?? [];
    expect(groups.length).toBeGreaterThanOrEqual(3);

    await t.sandboxApi('/faults', { method: 'PUT', body: { errorRate: 0.5 } });
    const enqueue = async (id: string, priority: number, lane: number) => {
      const text = `storm ${id}`;
      await t.database.db.transaction(async (tx) => {
        if (lane < groups.length) {
          await t.app.outbox.enqueue(tx, {
            kind: 'dingtalk.group_message',
            payload: { robotCode: enterprise.robotCode!, openConversationId: groups[lane]!, msgKey: 'sampleText', msgParam: { content: text } },
            idempotencyKey: id,
            priority,
            rateKey: `robot:${enterprise.robotCode}`,
          });
        } else {
          const robot = webhooks[lane - groups.length]!;
          await t.app.outbox.enqueue(tx, {
            kind: 'dingtalk.webhook_message',
            payload: { robotEncrypted: encryptWebhookRobot(t.app.deps.cipher, { url: robot.webhookUrl!, ...(robot.secret ? { secret: robot.secret } : {}) }), body: { msgtype: 'text', text: { content: text } } },
            idempotencyKey: id,
            priority,
            rateKey: `webhook:${robot.key}`,
          });
        }
      });
    };
    const lanes = groups.length + 2;
    await t.app.ready();
    for (let i = 0; i < 1000; i += 1) await enqueue(`n${i}`, 5, i % lanes);
    for (let i = 0; i < 20; i += 1) await enqueue(`p${i}`, 1, i % lanes);

    await sleep(1500);
    await t.sandboxApi('/faults', { method: 'PUT', body: { throttle: true, throttleForMs: 1500 } });
    await sleep(1500);
    await t.sandboxApi('/faults', { method: 'PUT', body: {} });

    const started = Date.now();
    for (;;) {
      const rows = await t.database.db.select({ status: outbox.status }).from(outbox);
      if (rows.every((row) => row.status === 'delivered')) break;
      if (Date.now() - started > 200_000) throw new Error(`not drained: ${JSON.stringify(rows.filter((row) => row.status !== 'delivered').length)} left`);
      await sleep(200);
    }

    // Exactly once: every message is in the sandbox once, none twice.
    const seen = new Map<string, number>();
    for (const item of t.sandbox!.state.messaging.timeline.all()) {
      const text = item.kind === 'message' ? item.content.text : null;
      const match = text ? /storm (\w+)/.exec(text) : null;
      if (match?.[1]) seen.set(match[1], (seen.get(match[1]) ?? 0) + 1);
    }
    expect(seen.size).toBe(1020);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);

    // No robot over its budget in DingTalk's (the sandbox's) own count.
    for (const key of [enterprise.key, ...webhooks.map((robot) => robot.key)]) {
      expect(t.sandbox!.state.messaging.limiter.maxInAnyWindow(key, 500), key).toBeLessThanOrEqual(20);
    }

    // Level 1 first: every level-1 message went out before the bulk of the earlier-queued ones.
    const delivered = await t.database.db.select({ key: outbox.idempotencyKey, at: outbox.deliveredAt }).from(outbox);
    const times = (prefix: string) => delivered.filter((row) => row.key.startsWith(prefix)).map((row) => row.at!.getTime()).sort((a, b) => a - b);
    const normal = times('n');
    expect(Math.max(...times('p'))).toBeLessThan(normal[Math.floor(normal.length / 2)]!);
  });
});
