import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, parseKeyring } from '../../../server/src/platform/crypto/field-cipher';
import { reencryptColumn } from '../../../server/src/platform/crypto/reencrypt';
import { demo } from '../../support/demo-people';
import { buildTestApp } from '../../support/test-app';

describe('key rotation (rule S3)', () => {
  it('S3: after adding key v2 and switching to SM4, stored mobiles are rewritten and still read back', async () => {
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
});
