import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrideConfig } from '../../../server/src/config';
import { startSandbox, type RunningSandbox } from '../../../server/src/sandbox';
import { runDoctor } from '../../../server/src/doctor/doctor';
import { demo } from '../../support/demo-people';
import { buildTestApp } from '../../support/test-app';
import { openTestDatabase, testDatabaseKind } from '../../support/test-database';

const run = promisify(execFile);
const sandboxDefaults = overrideConfig({}).dingtalk;
const encryptionKeys = `v1:${randomBytes(32).toString('base64')}`;

/** A sandbox hosting the app the default (sandbox-mode) configuration names, unless told otherwise. */
function startAppSandbox(clientSecret = sandboxDefaults.clientSecret) {
  const { clientId, corpId, agentId } = sandboxDefaults;
  return startSandbox({ host: '127.0.0.1', port: 0, clientId, clientSecret, corpId, agentId });
}

/** `pnpm doctor` as an admin runs it: its own process, configured by environment only. */
async function runDoctorCli(env: Record<string, string>) {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: mkdtempSync(join(tmpdir(), 'doctor-')) };
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'doctor'], { env: { ...base, ...env }, timeout: 120_000 });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('pnpm doctor', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startAppSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('going live: every check passes against the sandbox, the database and the keys', async () => {
    const database = await openTestDatabase();
    try {
      const config = overrideConfig({ DINGTALK_SANDBOX_URL: sandbox.url, ENCRYPTION_KEYS: encryptionKeys, ADMIN_USER_IDS: demo.itLead, SANDBOX_SEED_DEMO: 'false' });
      const report = await runDoctor({ config, database });
      expect(report.results.filter((result) => result.status !== 'passed')).toEqual([{ name: 'PUBLIC_URL', status: 'skipped', detail: expect.stringContaining('sandbox mode') }]);
      expect(report.ok).toBe(true);
      expect(report.results.map((result) => result.name)).toEqual([
        'Database',
        'Encryption keys',
        'Stored encrypted values',
        'PUBLIC_URL',
        'Access token',
        'Departments',
        'Users',
        'Card template (general)',
        'Card template (alert)',
        'Approval form',
        'Robot',
        'IT ops group',
        'Security group',
        'Leadership group',
        'Events (Stream)',
      ]);
      expect(report.results.find((result) => result.name === 'Users')?.detail).toContain(`${demo.itLead} 王磊`);
    } finally {
      await database.close();
    }
  });

  it('an unknown card template, an unknown admin and a robot missing from a group each fail their own line', async () => {
    const config = overrideConfig({
      DINGTALK_SANDBOX_URL: sandbox.url,
      ENCRYPTION_KEYS: encryptionKeys,
      DINGTALK_CARD_TEMPLATE_ALERT: '00000000-0000-0000-0000-000000000000.schema',
      ADMIN_USER_IDS: 'yq-nobody',
      DINGTALK_SECURITY_GROUP_ID: 'cidNoSuchGroup',
    });
    const report = await runDoctor({ config });
    const failedLines = Object.fromEntries(report.results.filter((result) => result.status === 'failed').map((result) => [result.name, result.detail]));
    expect(Object.keys(failedLines).sort()).toEqual(['Card template (alert)', 'Security group', 'Users']);
    expect(failedLines['Card template (alert)']).toMatch(/DINGTALK_CARD_TEMPLATE_ALERT.*卡片平台/);
    expect(failedLines.Users).toContain('ADMIN_USER_IDS');
    expect(report.ok).toBe(false);
  });

  it('S3: a key ENCRYPTION_KEYS no longer holds, but stored values still use, fails its line', async () => {
    const t = await buildTestApp({ ENCRYPTION_KEYS: encryptionKeys });
    await t.loginAs(demo.employee);
    const onlyNewKey = `v2:${randomBytes(32).toString('base64')}`;
    const report = await runDoctor({ config: overrideConfig({ DINGTALK_SANDBOX_URL: t.sandboxUrl, ENCRYPTION_KEYS: onlyNewKey }), database: t.database });
    const byName = Object.fromEntries(report.results.map((result) => [result.name, result]));
    expect(byName['Encryption keys']?.status).toBe('passed');
    expect(byName['Stored encrypted values']).toMatchObject({ status: 'failed', detail: expect.stringContaining('key v1') });
    expect(report.ok).toBe(false);
  });

  it('a wrong client secret fails the access token and the Stream registration, and skips what needs a token', async () => {
    const other = await startAppSandbox('a-different-secret');
    try {
      const report = await runDoctor({ config: overrideConfig({ DINGTALK_SANDBOX_URL: other.url, ENCRYPTION_KEYS: encryptionKeys }) });
      const byName = Object.fromEntries(report.results.map((result) => [result.name, result]));
      expect(byName['Access token']?.status).toBe('failed');
      expect(byName['Events (Stream)']?.status).toBe('failed');
      expect(byName['Card template (general)']).toEqual({ name: 'Card template (general)', status: 'skipped', detail: 'needs an access token' });
      expect(report.ok).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('the CLI prints one line per check and exits 0 when all pass, 1 when one fails', { timeout: 180_000 }, async () => {
    // On Postgres the CLI checks the test's own schema; embedded PGlite is never opened by the doctor.
    const database = testDatabaseKind === 'postgres' ? await openTestDatabase() : null;
    const databaseEnv: Record<string, string> = database ? { DATABASE_URL: process.env.TEST_DATABASE_URL ?? '', DATABASE_SCHEMA: database.schemaName } : {};
    const env = { DINGTALK_SANDBOX_URL: sandbox.url, ENCRYPTION_KEYS: encryptionKeys, LOG_LEVEL: 'silent', ...databaseEnv };
    const [good, bad] = await Promise.all([runDoctorCli(env), runDoctorCli({ ...env, DINGTALK_CARD_TEMPLATE_GENERAL: 'no-such-template.schema' })]).finally(() => database?.close());

    expect(good.output).toMatch(database ? /^✓ Database: reachable \(postgres/m : /^– Database: embedded PGlite/m);

    expect(good.output).toContain('All checks passed.');
    expect(good.code).toBe(0);
    expect(good.output).toMatch(/^✓ Card template \(general\): /m);
    expect(bad.output).toMatch(/^✗ Card template \(general\): .*no-such-template\.schema/m);
    expect(bad.output).toMatch(/^✓ Card template \(alert\): /m);
    expect(bad.output).toContain('1 check(s) failed.');
    expect(bad.code).toBe(1);
  });
});
