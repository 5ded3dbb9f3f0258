import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { readMigrationStatus } from '../db/migrate';
import { loadOrCreateDevSecrets } from '../platform/crypto/dev-secrets';
import { createFieldCipher, parseKeyring } from '../platform/crypto/field-cipher';
import { check, failed, passed, skipped, type CheckResult } from './doctor.checks';

// The checks that need no DingTalk: the database, the encryption keys and the public URL.

export async function checkDatabase({ config, database }: { config: Config; database: Database | null }): Promise<CheckResult> {
  const name = 'Database';
  if (!database) {
    if (config.dingtalk.mode === 'live') return failed(name, 'DATABASE_URL is not set → live DingOps keeps its data in Postgres: set DATABASE_URL=postgres://user:password@host:5432/dingops');
    // PGlite has no locking: opening the data dir a running server holds could damage it.
    return skipped(name, `embedded PGlite in ${config.db.dataDir}, not opened here (the running server may hold it); set DATABASE_URL to check Postgres`);
  }
  return check(name, 'check DATABASE_URL (host, port, user, password, database) and DATABASE_SCHEMA, and start DingOps once so it applies its migrations', async () => {
    const { expected, applied } = await readMigrationStatus(database);
    if (applied < expected) return failed(name, `reachable, but only ${applied} of ${expected} migrations are applied → start DingOps once: it applies them on start`);
    if (applied > expected) return failed(name, `reachable, but it has ${applied} migrations and this DingOps knows ${expected} → run the DingOps version that migrated it, or a newer one`);
    return `reachable (${database.driver}, schema ${database.schema}), all ${expected} migrations applied`;
  });
}

/** The key ring from ENCRYPTION_KEYS, or in sandbox mode the one kept in DATA_DIR; null when sandbox mode has not made one yet. */
function keySpecOf(config: Config): string | null {
  if (config.crypto.keys) return config.crypto.keys;
  if (config.dingtalk.mode === 'live') return null;
  return existsSync(join(config.db.dataDir, 'dev-secrets.json')) ? loadOrCreateDevSecrets(config.db.dataDir).encryptionKeys : null;
}

/** Key versions the stored values were written with (users' mobiles, webhook robots in outbox payloads). */
async function keyVersionsInUse(database: Database): Promise<number[]> {
  const result = (await database.db.execute(sql`
    SELECT DISTINCT split_part(mobile_encrypted, ':', 2) AS version FROM users WHERE mobile_encrypted LIKE 'enc:%'
    UNION
    SELECT DISTINCT split_part(payload->>'robotEncrypted', ':', 2) FROM outbox WHERE payload->>'robotEncrypted' LIKE 'enc:%'`)) as { rows: { version: string }[] };
  return result.rows.map((row) => Number(row.version)).filter((version) => Number.isInteger(version));
}

export async function checkEncryptionKeys({ config, database }: { config: Config; database: Database | null }): Promise<CheckResult[]> {
  const name = 'Encryption keys';
  const spec = keySpecOf(config);
  if (!spec) {
    return [config.dingtalk.mode === 'live' ? failed(name, 'ENCRYPTION_KEYS is not set → set ENCRYPTION_KEYS=v1:<base64 of 32 random bytes>, e.g. v1:$(openssl rand -base64 32)') : skipped(name, `sandbox mode makes a key in ${config.db.dataDir} on first start`)];
  }
  let keyring: Map<number, Buffer>;
  try {
    keyring = parseKeyring(spec);
    const cipher = createFieldCipher({ keyring, algorithm: config.crypto.algorithm });
    if (cipher.decrypt(cipher.encrypt('doctor')) !== 'doctor') throw new Error('a value did not read back');
  } catch (error) {
    return [failed(name, `${error instanceof Error ? error.message : String(error)} → fix ENCRYPTION_KEYS ("v1:<base64 of 32 bytes>,v2:…")`)];
  }
  const versions = [...keyring.keys()].sort((a, b) => a - b);
  const results = [passed(name, `v${versions.join(', v')} loaded; v${Math.max(...versions)} encrypts with ${config.crypto.algorithm}`)];
  if (database) {
    results.push(
      await check('Stored encrypted values', 'make sure the database is reachable', async () => {
        const missing = (await keyVersionsInUse(database)).filter((version) => !keyring.has(version));
        if (missing.length > 0) return failed('Stored encrypted values', `some values were written with key v${missing.join(', v')}, which ENCRYPTION_KEYS lacks → put that key back; DingOps re-encrypts old values after start, then it can go`);
        return 'every stored value can be read with these keys';
      }),
    );
  }
  return results;
}

export function checkPublicUrl(config: Config): CheckResult {
  const name = 'PUBLIC_URL';
  const url = new URL(config.server.publicUrl);
  if (config.dingtalk.mode !== 'live') return skipped(name, `${config.server.publicUrl} (sandbox mode: http is fine)`);
  if (url.protocol !== 'https:') return failed(name, `${config.server.publicUrl} is not https → DingTalk opens micro-apps and card links over https only: set PUBLIC_URL=https://<your host>`);
  if (['localhost', '127.0.0.1', '::1'].includes(url.hostname)) return failed(name, `${config.server.publicUrl} is this machine → set PUBLIC_URL to the address people's phones reach`);
  return passed(name, `${config.server.publicUrl} (micro-app homepage ${config.server.publicUrl.replace(/\/$/, '')}/?corpId=$CORPID$)`);
}
