import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../../server/src/config';
import { openDatabase } from '../../../server/src/db/client';
import { runMigrations } from '../../../server/src/db/migrate';
import { startSandbox } from '../../../server/src/sandbox';
import { sandboxCardTemplateIds } from '../../../server/src/sandbox';
import { createOutboxRepository } from '../../../server/src/platform/outbox/outbox.repository';
import { demo } from '../../support/demo-people';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
// The server runs in sandbox mode, so it presents the sandbox's default app credentials.
const { clientId, clientSecret, corpId, agentId } = loadConfig({}).dingtalk;
const credentials = { clientId, clientSecret, corpId, agentId };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: repoRoot, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
}

async function waitUntil(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000) {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

/**
 * Issue 3 "crash test": a DingOps process is killed with SIGKILL while it delivers; after a restart
 * the rest goes out, nothing is lost, and no card is posted twice (cards are idempotent by outTrackId).
 */
describe('outbox across a crash', () => {
  it('P2: a server killed with SIGKILL mid-delivery restarts and delivers the rest, with no card posted twice', { timeout: 150_000 }, async () => {
    const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, ...credentials });
    cleanups.push(() => sandbox.close());
    // Each DingTalk call takes a little while, so the kill lands in the middle of the work.
    sandbox.state.faults.set({ errorRate: 0, latencyMs: 15, throttle: false, dropConnections: false });

    const dbUrl = process.env.TEST_DATABASE_URL ?? null;
    const schema = `crash_${randomBytes(4).toString('hex')}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'dingops-crash-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    if (dbUrl) {
      cleanups.push(async () => {
        const admin = new pg.Client({ connectionString: dbUrl });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      });
    }

    // Queue the work before any server runs: 150 cards and 150 work notifications.
    // On PGlite the data dir starts from the suite's migrated snapshot: a cold initdb costs seconds.
    const pgliteSnapshot = dbUrl ? undefined : new Blob([readFileSync(inject('pgliteSnapshotFile'))]);
    const seedDb = await openDatabase({ url: dbUrl, schema: dbUrl ? schema : 'public', poolMax: 2, statementTimeoutMs: 15_000, dataDir, ...(pgliteSnapshot ? { pgliteSnapshot } : {}) });
    await runMigrations(seedDb);
    const repo = createOutboxRepository({ db: seedDb.db });
    const itGroup = sandbox.state.org.listGroups().find((group) => group.key === 'it-oncall')!;
    const now = new Date();
    for (let i = 0; i < 150; i += 1) {
      const outTrackId = `crash-card-${i}`;
      await repo.insert({ kind: 'dingtalk.card_create', payload: { outTrackId, cardTemplateId: sandboxCardTemplateIds.general, cardParamMap: { title: `卡片 ${i}` }, openSpaceId: `dtv1.card//IM_GROUP.${itGroup.openConversationId}`, robotCode: credentials.clientId, callbackType: 'STREAM' }, idempotencyKey: outTrackId, priority: 5, rateKey: null, orderingKey: outTrackId, source: 'crash-test' }, now);
      await repo.insert({ kind: 'dingtalk.work_notification', payload: { userIds: [demo.employee], msg: { msgtype: 'text', text: { content: `通知 ${i}` } } }, idempotencyKey: `crash-note-${i}`, priority: 5, rateKey: null, orderingKey: null, source: 'crash-test' }, now);
    }
    await seedDb.close();

    const port = await freePort();
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...(dbUrl ? { DATABASE_URL: dbUrl, DATABASE_SCHEMA: schema } : {}),
      DINGTALK_SANDBOX_URL: sandbox.url,
      DINGTALK_EVENT_TRANSPORT: 'off',
      LOG_LEVEL: 'error',
      OUTBOX_CONCURRENCY: '4',
      OUTBOX_POLL_MS: '20',
      OUTBOX_LEASE_MS: '1500',
      JWT_SECRET: 'crash-test-secret-crash-test-secret-0123',
      ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}`,
      ADMIN_USER_IDS: demo.itLead,
    };

    const cards = () => sandbox.state.messaging.timeline.all().filter((item) => item.kind === 'card');
    const first = startServer(env);
    cleanups.push(async () => void first.kill('SIGKILL'));
    await waitUntil(() => cards().length >= 40, 'the first server to deliver some cards');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const deliveredBeforeCrash = cards().length;
    expect(deliveredBeforeCrash).toBeLessThan(150);

    const second = startServer(env);
    cleanups.push(async () => {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.once('exit', resolve));
    });
    await waitUntil(() => cards().length >= 150, 'the restarted server to deliver the rest');
    await waitUntil(() => sandbox.state.messaging.workNotifications.listFor(demo.employee).length >= 150, 'all notifications');
    await sleep(500);

    const outTrackIds = cards().map((card) => (card as { outTrackId: string }).outTrackId);
    expect(new Set(outTrackIds).size).toBe(150);
    expect(outTrackIds).toHaveLength(150);
    const texts = sandbox.state.messaging.workNotifications.listFor(demo.employee).map((note) => JSON.stringify(note.msg));
    expect(new Set(texts).size).toBe(150);
  });
});
