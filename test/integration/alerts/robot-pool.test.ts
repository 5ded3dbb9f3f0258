import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { robotPoolEncryptedColumn } from '../../../server/src/modules/alerts';
import { createRobotPoolRepository } from '../../../server/src/modules/alerts/robot-pool/robot-pool.repository';
import { seedSandboxRobotPool } from '../../../server/src/demo/robot-pool.seed';
import { createRobotPoolService } from '../../../server/src/modules/alerts/robot-pool/robot-pool.service';
import { alertChatRobots } from '../../../server/src/modules/alerts/robot-pool/robot-pool.table';
import { createFieldCipher, parseKeyring } from '../../../server/src/platform/crypto/field-cipher';
import { reencryptColumn } from '../../../server/src/platform/crypto/reencrypt';
import { outbox, robotThrottles } from '../../../server/src/platform/outbox/outbox.table';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { createSource, erpDown, post } from './alerts-fixture';

const itOnCall = demoGroupIds['it-oncall'];
const url = `/api/v1/alerts/chats/${encodeURIComponent(itOnCall)}/robots`;

interface SandboxRobot {
  key: string;
  kind: 'enterprise' | 'webhook';
  webhookUrl: string | null;
  secret: string | null;
}
interface RobotStats {
  accepted: number;
  refusedByReason: Record<string, number>;
  maxInAnyWindow: number;
}

/** The sandbox's IT ops group robots, as the demo seed registers them (the same service the app builds). */
async function seedPool(t: TestApp) {
  const pool = createRobotPoolService({
    db: t.database.db,
    repo: createRobotPoolRepository({ db: t.database.db }),
    audit: t.app.audit,
    cipher: t.app.deps.cipher,
    clock: () => t.clock.now(),
    settings: { oapiBaseUrl: t.sandboxUrl, requireHttps: false, itOpsGroupId: itOnCall, leadershipGroupId: null },
  });
  return seedSandboxRobotPool({ pool, sandboxApiUrl: `${t.sandboxUrl}/sandbox/api`, conversationId: itOnCall });
}

describe('robot pools (机器人池, issue 5 storm safety)', { timeout: 60_000 }, () => {
  it('S3/S4: IT admins add, list and remove a chat’s robots; a bad URL names the field; the URL and secret never come back; every change is audited', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const lina = await t.loginAs(demo.itStaff);
    const { robots } = await t.sandboxApi<{ robots: SandboxRobot[] }>('/robots');
    const webhook = robots.find((robot) => robot.kind === 'webhook')!;
    const token = new URL(webhook.webhookUrl!).searchParams.get('access_token')!;
    const body = { name: '值班群备用机器人', webhookUrl: webhook.webhookUrl, secret: webhook.secret };

    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: lina.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: lina.headers, payload: body })).statusCode).toBe(403);

    const elsewhere = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { ...body, webhookUrl: `https://attacker.example/robot/send?access_token=${token}` } });
    expect(elsewhere.statusCode).toBe(400);
    expect(problemOf(elsewhere).errors?.[0]?.path).toBe('body.webhookUrl');
    const badSecret = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: { ...body, secret: 'not-a-secret' } });
    expect(problemOf(badSecret).errors?.[0]?.path).toBe('body.secret');

    const created = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: body.name, conversationId: itOnCall, hasSecret: true, enabled: true, webhookHint: `${t.sandboxUrl}/robot/send?access_token=…${token.slice(-4)}` });
    const again = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload: body });
    expect(again.statusCode).toBe(409);
    const listed = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect((listed.json() as { items: { id: string }[] }).items).toHaveLength(1);

    const chats = await t.app.inject({ method: 'GET', url: '/api/v1/alerts/chats', headers: admin.headers });
    expect((chats.json() as { items: unknown[] }).items).toContainEqual({ conversationId: itOnCall, role: 'it_ops', robots: 1, enabledRobots: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/alerts/chats', headers: lina.headers })).statusCode).toBe(403);

    const robotId = (created.json() as { id: string }).id;
    expect((await t.app.inject({ method: 'DELETE', url: `${url}/${robotId}`, headers: lina.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `${url}/${robotId}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `${url}/${robotId}`, headers: admin.headers })).statusCode).toBe(404);

    const audit = await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=50', headers: admin.headers });
    expect((audit.json() as { items: { action: string }[] }).items.map((entry) => entry.action)).toEqual(expect.arrayContaining(['alerts.pool_robot_added', 'alerts.pool_robot_removed']));
    // Neither the token nor the secret is in any answer or audit row.
    for (const text of [created.body, listed.body, audit.body]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(webhook.secret!);
    }
  });

  it('S3: the pool robots’ URLs and secrets are rewritten under a new key and still decrypt to the same robots', async () => {
    const t = await buildTestApp();
    await seedPool(t);
    const readStored = async () => (await t.database.db.select({ value: alertChatRobots.robotEncrypted }).from(alertChatRobots).orderBy(alertChatRobots.name)).map((row) => row.value);
    const before = await readStored();
    const rotated = createFieldCipher({ keyring: parseKeyring(`${t.config.crypto.keys!},v9:${randomBytes(32).toString('base64')}`), algorithm: 'sm4-cbc-hmac-sm3' });
    const column = robotPoolEncryptedColumn(t.database.db);
    expect(await reencryptColumn({ cipher: rotated, column, batchSize: 1 })).toBe(2);
    expect(await reencryptColumn({ cipher: rotated, column })).toBe(0);
    const after = await readStored();
    expect(after.every((value) => value.startsWith('enc:9:s1:'))).toBe(true);
    expect(after.map((value) => rotated.decrypt(value))).toEqual(before.map((value) => rotated.decrypt(value)));
  });

  it('P2: when DingTalk throttles one pool robot (another sender used it up), only that robot is benched and the message goes by another at once', async () => {
    const t = await buildTestApp();
    await seedPool(t);
    const { robots } = await t.sandboxApi<{ robots: SandboxRobot[] }>('/robots');
    const first = robots.find((robot) => robot.key === 'it-oncall-webhook-1')!;
    // Someone else's script spends the first robot's whole minute.
    for (let i = 0; i < 20; i += 1) await t.app.deps.dingtalk.sendWebhookMessage({ webhookUrl: first.webhookUrl!, secret: first.secret!, body: { msgtype: 'text', text: { content: `巡检脚本 ${i}` } } });

    const { clientId } = t.config.dingtalk;
    for (let i = 0; i < 21; i += 1) {
      await t.database.db.transaction((tx) =>
        t.app.outbox.enqueue(tx, { kind: 'dingtalk.pooled_group_message', payload: { robotCode: clientId, openConversationId: itOnCall, markdown: { title: `告警 ${i}`, text: `告警 ${i}` } }, idempotencyKey: `shared:${i}`, rateKey: `pool:${itOnCall}` }),
      );
    }
    await t.drainOutbox();
    // The 21st message met the throttled robot; a retry moments later goes by the second robot.
    t.clock.advance(t.app.deps.config.outbox.policy.baseDelayMs);
    await t.drainOutbox();

    const rows = await t.database.db.select({ status: outbox.status, result: outbox.result }).from(outbox).where(eq(outbox.rateKey, `pool:${itOnCall}`));
    expect(rows.every((row) => row.status === 'delivered')).toBe(true);
    const throttled = await t.database.db.select({ rateKey: robotThrottles.rateKey }).from(robotThrottles);
    expect(throttled).toHaveLength(1);
    expect(rows.filter((row) => row.result?.via === throttled[0]!.rateKey)).toHaveLength(0);
    expect((await t.sandboxApi<RobotStats>('/robots/it-oncall-webhook-2/stats'))).toMatchObject({ accepted: 1, refusedByReason: {} });
  });

  it('P2/F2: a burst of 66 messages to the IT group goes out by the app robot and both pool robots, 20 each, with no 130101; level 1 first; the rest waits, none dead', async () => {
    const t = await buildTestApp();
    expect(await seedPool(t)).toBe(2);
    // The demo seed runs at every start: a second run adds nothing.
    expect(await seedPool(t)).toBe(0);
    const { clientId } = t.config.dingtalk;

    const enqueue = (id: string, priority: number) =>
      t.database.db.transaction((tx) =>
        t.app.outbox.enqueue(tx, {
          kind: 'dingtalk.pooled_group_message',
          payload: { robotCode: clientId, openConversationId: itOnCall, markdown: { title: `告警 ${id}`, text: `### 告警 ${id}\n仍在触发` } },
          idempotencyKey: `burst:${id}`,
          priority,
          rateKey: `pool:${itOnCall}`,
        }),
      );
    for (let i = 0; i < 60; i += 1) await enqueue(`n${i}`, 5);
    for (let i = 0; i < 6; i += 1) await enqueue(`p${i}`, 1);
    await t.drainOutbox();

    const rows = await t.database.db.select({ key: outbox.idempotencyKey, status: outbox.status, result: outbox.result }).from(outbox).where(eq(outbox.rateKey, `pool:${itOnCall}`));
    const byStatus = (status: string) => rows.filter((row) => row.status === status);
    expect(byStatus('delivered')).toHaveLength(60);
    expect(byStatus('pending')).toHaveLength(6);
    expect(byStatus('dead')).toHaveLength(0);
    expect(byStatus('delivered').map((row) => row.key)).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, 5].map((i) => `burst:p${i}`)));

    const stats = async (key: string) => t.sandboxApi<RobotStats>(`/robots/${key}/stats`);
    for (const key of ['it-oncall-webhook-1', 'it-oncall-webhook-2']) {
      const robot = await stats(key);
      expect(robot).toMatchObject({ accepted: 20, maxInAnyWindow: 20 });
      expect(robot.refusedByReason).toEqual({});
    }
    expect(await stats('ops-assistant')).toMatchObject({ accepted: 20 });

    // A minute later (our window plus its margin) the app robot takes the rest; nothing was lost.
    t.clock.advance(t.app.deps.config.outbox.robotWindowMs + 1);
    await t.drainOutbox();
    expect((await t.database.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.rateKey, `pool:${itOnCall}`))).every((row) => row.status === 'delivered')).toBe(true);
    expect(await stats('ops-assistant')).toMatchObject({ accepted: 26 });
    // Each message is in the chat once, from the robot that carried it.
    const items = (await t.sandboxApi<{ items: { title?: string | null; sender: { robotKey?: string } }[] }>(`/conversations/${encodeURIComponent(itOnCall)}/messages`)).items;
    const burst = items.filter((item) => item.title?.startsWith('告警 '));
    expect(new Set(burst.map((item) => item.title)).size).toBe(66);
    const carried = (key: string) => burst.filter((item) => item.sender.robotKey === key).length;
    expect([carried('ops-assistant'), carried('it-oncall-webhook-1'), carried('it-oncall-webhook-2')]).toEqual([26, 20, 20]);
  });

  it('F2: a level-1 repeat reminder goes by a pool robot that @s the on-call for real (atUserIds), not the app robot that can only name them', async () => {
    const t = await buildTestApp();
    await seedPool(t);
    const source = await createSource(t);
    await post(t, source.token, [erpDown('db1')]);
    await t.drainOutbox();
    t.clock.advance(31 * 60_000);
    await t.app.scheduler.runNow('alerts.repeat');
    await t.drainOutbox();
    const { items } = await t.sandboxApi<{ items: { kind: string; via?: string; sender: { kind: string; robotKey?: string }; text?: string; mentions?: { userIds: string[] } }[] }>(`/conversations/${encodeURIComponent(itOnCall)}/messages`);
    const reminder = items.find((item) => item.kind === 'message' && item.text?.includes('仍未处理'));
    expect(reminder?.via).toBe('webhook');
    expect(reminder?.sender.robotKey).toMatch(/^it-oncall-webhook-/);
    expect(reminder?.text).toContain(`@${reminder!.mentions!.userIds[0]}`);
    expect([demo.onCall, demo.itStaff, demo.security]).toContain(reminder!.mentions!.userIds[0]);
  });

  it('S4: a chat that is not a DingTalk openConversationId is refused with 400 naming params.conversationId; nothing is stored', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const body = { name: '备用机器人', webhookUrl: `${t.sandboxUrl}/robot/send?access_token=abc123`, secret: null };
    for (const bad of ['../../etc/passwd', 'x', 'cid', 'cid<script>alert(1)</script>', `${itOnCall}; DROP TABLE`, 'cidAAAA']) {
      const chatUrl = `/api/v1/alerts/chats/${encodeURIComponent(bad)}/robots`;
      for (const method of ['POST', 'GET'] as const) {
        const response = await t.app.inject({ method, url: chatUrl, headers: admin.headers, ...(method === 'POST' ? { payload: body } : {}) });
        expect(response.statusCode, `${method} ${bad}`).toBe(400);
        expect(problemOf(response).errors?.map((error) => error.path)).toEqual(['params.conversationId']);
      }
    }
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/alerts/chats/${encodeURIComponent('../../etc/passwd')}/robots/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, headers: admin.headers });
    expect(removed.statusCode).toBe(400);
    expect(await t.database.db.select().from(alertChatRobots)).toEqual([]);

    // The same shape is asked of a rule's route and of the list's chat filter.
    const rules = await t.app.inject({ method: 'PUT', url: '/api/v1/alerts/rules', headers: admin.headers, payload: { rules: [{ name: 'oa', matchers: [], level: 2, groupId: '../../etc/passwd' }] } });
    expect(problemOf(rules).errors?.map((error) => error.path)).toEqual(['body.rules.0.groupId']);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups?chat=${encodeURIComponent('../x')}`, headers: admin.headers });
    expect(problemOf(list).errors?.map((error) => error.path)).toEqual(['querystring.chat']);
    // A real one still works.
    expect((await t.app.inject({ method: 'GET', url, headers: admin.headers })).statusCode).toBe(200);
  });
});
