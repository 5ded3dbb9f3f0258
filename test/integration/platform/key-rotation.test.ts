import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { overrideConfig } from '../../../server/src/config';
import { createFieldCipher, parseKeyring } from '../../../server/src/platform/crypto/field-cipher';
import { reencryptColumn } from '../../../server/src/platform/crypto/reencrypt';
import { encryptWebhookRobot } from '../../../server/src/platform/outbox/outbox.effects';
import { startDingOps } from '../../../server/src/runtime';
import { demo } from '../../support/demo-people';
import { buildTestApp, testJwtSecret } from '../../support/test-app';
import { openTestDatabase } from '../../support/test-database';

describe('key rotation (rule S3)', () => {
  it('S3: after adding key v2 and switching to SM4, stored mobiles are rewritten and still read back', { timeout: 120_000 }, async () => {
    const keyV1 = `v1:${randomBytes(32).toString('base64')}`;
    const t = await buildTestApp({ ENCRYPTION_KEYS: keyV1 });
    await t.loginAs(demo.employee);
    await t.loginAs(demo.salesRep);
    const readStored = async () =>
      ((await t.database.db.execute(sql`SELECT mobile_encrypted AS v FROM users ORDER BY id`)).rows as { v: string }[]).map((row) => row.v);
    const before = await readStored();
    // The two who logged in, plus anyone the sandbox's demo seeds added (the knowledge articles' author).
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.every((value) => value.startsWith('enc:1:a1:'))).toBe(true);

    const rotated = createFieldCipher({ keyring: parseKeyring(`${keyV1},v2:${randomBytes(32).toString('base64')}`), algorithm: 'sm4-cbc-hmac-sm3' });
    const [column] = t.app.identity.encryptedColumns();
    expect(await reencryptColumn({ cipher: rotated, column: column!, batchSize: 1 })).toBe(before.length);
    expect(await reencryptColumn({ cipher: rotated, column: column! })).toBe(0);

    const after = await readStored();
    expect(after.every((value) => value.startsWith('enc:2:s1:'))).toBe(true);
    expect(after.map((value) => rotated.decrypt(value))).toEqual(before.map((value) => rotated.decrypt(value)));
    expect(after.map((value) => rotated.decrypt(value)).every((mobile) => /^1\d{10}$/.test(mobile))).toBe(true);
  });

  it('S3: restarted with a new current key, DingOps rewrites stored mobiles and queued webhook robots by itself, with no request', { timeout: 120_000 }, async () => {
    const database = await openTestDatabase();
    // Each start's close() closes the database it was given: keep the test's own open until the end.
    const shared = { ...database, close: async () => {} };
    const keyV1 = `v1:${randomBytes(32).toString('base64')}`;
    const start = (keys: string) =>
      startDingOps({
        config: overrideConfig({ LOG_LEVEL: 'silent', SANDBOX_PORT: '0', JWT_SECRET: testJwtSecret, ENCRYPTION_KEYS: keys, OUTBOX_WORKER: 'false', INBOX_DISPATCHER: 'false', DATA_DIR: '/nonexistent-test-data-dir' }),
        logger: false,
        database: shared,
      });
    const stored = async () => ({
      mobiles: ((await database.db.execute(sql`SELECT mobile_encrypted AS v FROM users WHERE mobile_encrypted IS NOT NULL ORDER BY id`)).rows as { v: string }[]).map((row) => row.v),
      robots: ((await database.db.execute(sql`SELECT payload->>'robotEncrypted' AS v FROM outbox ORDER BY id`)).rows as { v: string }[]).map((row) => row.v),
    });

    try {
      const first = await start(keyV1);
      const robot = { url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SECsigning' };
      try {
        const { authCode } = (await (await fetch(`${first.sandbox!.url}/sandbox/api/auth-codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: demo.employee }) })).json()) as { authCode: string };
        expect((await first.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode } })).statusCode).toBe(200);
        await database.db.transaction((tx) =>
          first.app.outbox.enqueue(tx, { kind: 'dingtalk.webhook_message', payload: { robotEncrypted: encryptWebhookRobot(first.app.deps.cipher, robot), body: { msgtype: 'text', text: { content: 'queued under v1' } } }, idempotencyKey: 'rotation-webhook' }),
        );
      } finally {
        await first.close();
      }
      const before = await stored();
      expect(before.mobiles.length).toBeGreaterThanOrEqual(1);
      expect([...before.mobiles, ...before.robots].every((value) => value.startsWith('enc:1:'))).toBe(true);

      const second = await start(`${keyV1},v2:${randomBytes(32).toString('base64')}`);
      try {
        let after = await stored();
        for (const started = Date.now(); ![...after.mobiles, ...after.robots].every((value) => value.startsWith('enc:2:')); after = await stored()) {
          if (Date.now() - started > 30_000) throw new Error(`not re-encrypted: ${JSON.stringify(after)}`);
          await sleep(50);
        }
        const { cipher } = second.app.deps;
        expect(after.mobiles.map((value) => cipher.decrypt(value))).toEqual(before.mobiles.map((value) => cipher.decrypt(value)));
        expect(JSON.parse(cipher.decrypt(after.robots[0]!))).toEqual(robot);
      } finally {
        await second.close();
      }
    } finally {
      await database.close();
    }
  });
});
