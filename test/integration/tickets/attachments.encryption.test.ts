import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { overrideConfig } from '../../../server/src/config';
import { startDingOps, type RunningDingOps } from '../../../server/src/runtime';
import { demo } from '../../support/demo-people';
import { testJwtSecret } from '../../support/test-app';
import { openTestDatabase } from '../../support/test-database';

type Stored = { id: string; data: Uint8Array; data_key: string | null; data_cipher: string | null };

async function loginAs(running: RunningDingOps, userId: string) {
  const codes = await fetch(`${running.sandbox!.url}/sandbox/api/auth-codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  const { authCode } = (await codes.json()) as { authCode: string };
  const session = (await running.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode } })).json() as { token: string };
  return { authorization: `Bearer ${session.token}` };
}

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----dingops-encryption';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: image/png\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('screenshots at rest (rule S3)', () => {
  it('S3: screenshots stored plain by an earlier version are encrypted at start; after a new key and a switch to SM4 every file is under the new key and algorithm, and all download as they were', { timeout: 180_000 }, async () => {
    const database = await openTestDatabase();
    // Each start's close() closes the database it was given: keep the test's own open until the end.
    const shared = { ...database, close: async () => {} };
    const keyV1 = `v1:${randomBytes(32).toString('base64')}`;
    const start = (keys: string, algorithm = 'aes-256-gcm') =>
      startDingOps({
        config: overrideConfig({ LOG_LEVEL: 'silent', SANDBOX_PORT: '0', JWT_SECRET: testJwtSecret, ENCRYPTION_KEYS: keys, ENCRYPTION_ALGORITHM: algorithm, OUTBOX_WORKER: 'false', INBOX_DISPATCHER: 'false', DATA_DIR: '/nonexistent-test-data-dir' }),
        logger: false,
        database: shared,
      });
    const stored = async () => (await database.db.execute(sql`SELECT id::text AS id, data, data_key, data_cipher FROM ticket_attachments ORDER BY id`)).rows as Stored[];
    const screenshot = (colour: string) => sharp({ create: { width: 8, height: 6, channels: 3, background: colour } }).png().toBuffer();
    const [sealedFirst, plainBefore] = [await screenshot('#ff0000'), await screenshot('#0000ff')];

    try {
      const first = await start(keyV1);
      let ticketId = '';
      try {
        const zhang = await loginAs(first, demo.employee);
        const ticket = await first.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang, payload: { category: 'computer', title: '蓝屏', description: '开机蓝屏', impact: 'self', urgency: 'medium' } });
        ticketId = ticket.json().id as string;
        const upload = await first.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticketId}/attachments`, headers: { ...zhang, ...multipart('a.png', sealedFirst).headers }, payload: multipart('a.png', sealedFirst).payload });
        expect(upload.statusCode).toBe(201);
        // A screenshot as an earlier version stored it: plain bytes, no data key.
        await database.db.execute(sql`
          INSERT INTO ticket_attachments (ticket_id, file_name, content_type, size, sha256, data, uploaded_by, created_at)
          SELECT ${BigInt(ticketId)}, 'old.png', 'image/png', ${plainBefore.length}, 'x', ${plainBefore}, reporter_id, now() FROM tickets WHERE id = ${BigInt(ticketId)}`);
      } finally {
        await first.close();
      }
      const before = await stored();
      expect(before.map((row) => [row.data_key?.slice(0, 9) ?? null, row.data_cipher])).toEqual([
        ['enc:1:a1:', 'aes-256-gcm'],
        [null, null],
      ]);
      expect(Buffer.from(before[1]!.data).equals(plainBefore)).toBe(true);

      const second = await start(`${keyV1},v2:${randomBytes(32).toString('base64')}`, 'sm4-cbc-hmac-sm3');
      try {
        let after = await stored();
        for (const started = Date.now(); !after.every((row) => row.data_key?.startsWith('enc:2:s1:') && row.data_cipher === 'sm4-cbc-hmac-sm3'); after = await stored()) {
          if (Date.now() - started > 30_000) throw new Error(`not encrypted: ${JSON.stringify(after.map((row) => [row.data_key?.slice(0, 9), row.data_cipher]))}`);
          await sleep(50);
        }
        expect(after.every((row) => !Buffer.from(row.data).equals(sealedFirst) && !Buffer.from(row.data).equals(plainBefore))).toBe(true);
        const zhang = await loginAs(second, demo.employee);
        const downloads = [];
        for (const row of after) downloads.push((await second.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticketId}/attachments/${row.id}`, headers: zhang })).rawPayload);
        expect(downloads.map((bytes) => bytes.toString('hex'))).toEqual([sealedFirst.toString('hex'), plainBefore.toString('hex')]);
      } finally {
        await second.close();
      }
    } finally {
      await database.close();
    }
  });
});
