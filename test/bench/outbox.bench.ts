// Outbox throughput against the in-process DingTalk sandbox with no faults: a realistic mix of work
// notifications, enterprise-robot group messages over the four demo groups, and card create + update
// pairs. Effects are enqueued in batches of transactions first, then the worker is started and timed
// until every row is delivered. Runs on embedded PGlite, and on Postgres too when BENCH_DATABASE_URL
// (or TEST_DATABASE_URL) is set. Everything runs on loopback.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inArray } from 'drizzle-orm';
import pg from 'pg';
import { overrideConfig } from '../../server/src/config';
import type { Executor } from '../../server/src/db/client';
import { demoGroupIds, demoUserIds, sandboxCardTemplateIds } from '../../server/src/sandbox';
import type { Effect, OutboxService } from '../../server/src/platform/outbox/outbox.service';
import type { EffectKind } from '../../server/src/platform/outbox/outbox.effects';
import { outbox } from '../../server/src/platform/outbox/outbox.table';
import { type RunningDingOps, startDingOps } from '../../server/src/runtime';
import { percentile, printTable } from './report';

// ---------------------------------------------------------------------------------------------
// A DingOps instance on a throw-away database (shared with inbox.bench.ts).

export type BenchDatabase = 'PGlite' | 'Postgres';

const postgresUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;

/** PGlite always; Postgres as well when a URL is given. */
export const benchDatabases = (): BenchDatabase[] => (postgresUrl ? ['PGlite', 'Postgres'] : ['PGlite']);

/**
 * Starts the whole app (sandbox in-process on a free loopback port) on a fresh temp DATA_DIR, or on a
 * fresh Postgres schema, runs `work`, then closes it and removes the data dir or drops the schema.
 */
export async function withBenchDingOps<T>(database: BenchDatabase, env: Record<string, string>, work: (running: RunningDingOps) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dingops-bench-'));
  const schema = database === 'Postgres' ? `bench_${randomBytes(6).toString('hex')}` : null;
  try {
    const config = overrideConfig({
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_PORT: '0',
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}`,
      // Scheduled jobs would only add noise to what is measured.
      SCHEDULER_ENABLED: 'false',
      ...(schema && postgresUrl ? { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema } : {}),
      ...env,
    });
    const running = await startDingOps({ config, logger: false });
    try {
      return await work(running);
    } finally {
      await running.close();
    }
  } finally {
    if (schema && postgresUrl) await dropSchema(postgresUrl, schema);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function dropSchema(url: string, schema: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}

/** Polls `done` until it is true; fails after `timeoutMs` with what `progress` says. */
export async function waitUntil(done: () => Promise<boolean> | boolean, { what, timeoutMs, everyMs = 20, progress }: { what: string; timeoutMs: number; everyMs?: number; progress?: () => Promise<string> | string }) {
  const started = performance.now();
  while (!(await done())) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${progress ? ` (${await progress()})` : ''}`);
    await sleep(everyMs);
  }
}

export const perSecond = (count: number, ms: number) => `${((count * 1000) / ms).toFixed(0)} /s`;
export const latency = (samples: number[]) => `p50 ${percentile(samples, 50).toFixed(0)} ms · p99 ${percentile(samples, 99).toFixed(0)} ms`;

// ---------------------------------------------------------------------------------------------
// The outbox benchmark.

/** Effects in the bulk run: 40 % work notifications, 30 % group messages, 30 % card creates + updates. */
const effectCount = 2000;
/** Effects per enqueueing transaction. */
const batchSize = 20;
/** Effects enqueued one per transaction, paced, while the worker runs (the latency of a quiet queue). */
const trickleCount = 200;
const trickleEveryMs = 5;
const drainTimeoutMs = 120_000;

const people = Object.values(demoUserIds);
const groups = Object.values(demoGroupIds);

type AnyEffect = { [K in EffectKind]: Effect<K> }[EffectKind];

/**
 * The i-th effect of the mix. Out of every ten: four work notifications (each with its own text, as
 * DingTalk drops the same content to the same person within a day), three group messages through
 * the app's enterprise robot, round-robin over the demo groups, and three card operations — a card
 * posted to a group, then its update, kept in order by the ordering key.
 */
function effectAt(i: number, { robotCode, run }: { robotCode: string; run: string }): AnyEffect {
  const slot = i % 10;
  const round = Math.floor(i / 10);
  if (slot === 0 || slot === 2 || slot === 5 || slot === 8) {
    const userId = people[i % people.length]!;
    return {
      kind: 'dingtalk.work_notification',
      payload: { userIds: [userId], msg: { msgtype: 'text', text: { content: `工单 #${run}-${i} 已更新：打印机卡纸，已派给 陈刚` } } },
      idempotencyKey: `${run}:notify:${i}`,
      source: `tickets:${i}`,
    };
  }
  if (slot === 1 || slot === 4 || slot === 7) {
    const group = groups[(round * 3 + (slot - 1) / 3) % groups.length]!;
    return {
      kind: 'dingtalk.group_message',
      payload: { robotCode, openConversationId: group, msgKey: 'sampleMarkdown', msgParam: { title: '工单动态', text: `#### 工单 #${run}-${i}\n状态：处理中` } },
      idempotencyKey: `${run}:group:${i}`,
      rateKey: `robot:${robotCode}`,
      source: `tickets:${i}`,
    };
  }
  // Card operations: slots 3, 6, 9 numbered 0, 1, 2, … across rounds; even = create, odd = its update.
  const cardOp = round * 3 + (slot - 3) / 3;
  const outTrackId = `${run}-card-${Math.floor(cardOp / 2)}`;
  if (cardOp % 2 === 0) {
    return {
      kind: 'dingtalk.card_create',
      payload: {
        outTrackId,
        cardTemplateId: sandboxCardTemplateIds.alert,
        cardParamMap: { title: `ERP 数据库连接数过高 (${outTrackId})`, level: '2', status: '未认领' },
        openSpaceId: `dtv1.card//IM_GROUP.${groups[Math.floor(cardOp / 2) % groups.length]!}`,
        robotCode,
        callbackType: 'STREAM',
      },
      idempotencyKey: `${outTrackId}:create`,
      orderingKey: outTrackId,
      source: `alerts:${outTrackId}`,
    };
  }
  return {
    kind: 'dingtalk.card_update',
    payload: { outTrackId, cardParamMap: { status: '陈刚 已认领' } },
    idempotencyKey: `${outTrackId}:update:1`,
    orderingKey: outTrackId,
    source: `alerts:${outTrackId}`,
  };
}

const enqueue = (service: OutboxService, tx: Executor, effect: AnyEffect) => service.enqueue(tx, effect as Effect<EffectKind>);

async function deliveryLatencies(running: RunningDingOps, ids: bigint[]): Promise<number[]> {
  const rows = await running.database.db.select({ createdAt: outbox.createdAt, deliveredAt: outbox.deliveredAt }).from(outbox).where(inArray(outbox.id, ids));
  return rows.map((row) => (row.deliveredAt ? row.deliveredAt.getTime() - row.createdAt.getTime() : Number.NaN));
}

async function benchOn(database: BenchDatabase) {
  const env = {
    // The worker is started by hand once everything is enqueued.
    OUTBOX_WORKER: 'false',
    OUTBOX_CONCURRENCY: '8',
    OUTBOX_POLL_MS: '10',
    // The robot budget is out of reach, so it is not what is measured. Its check still reads every send
    // inside the window: with DingTalk's 20 a minute that is at most 20 rows, while a 61 s window at
    // this rate would be hundreds and would dominate. A short window keeps the check at a real size.
    ROBOT_RATE_LIMIT: '100000',
    ROBOT_RATE_WINDOW_MS: '250',
    ROBOT_RATE_MARGIN_MS: '0',
  };
  await withBenchDingOps(database, env, async (running) => {
    const { app, sandbox } = running;
    if (!sandbox) throw new Error('the benchmark needs the built-in sandbox');
    const robotCode = running.app.deps.config.dingtalk.clientId;
    const worker = app.outboxWorker;
    await app.ready();
    try {
      // Bulk: enqueue everything, then start the worker and drain.
      const effects = Array.from({ length: effectCount }, (_, i) => effectAt(i, { robotCode, run: 'bulk' }));
      const ofKind = (kind: EffectKind) => effects.filter((effect) => effect.kind === kind).length;
      const ids: bigint[] = [];
      const enqueueStarted = performance.now();
      for (let start = 0; start < effects.length; start += batchSize) {
        await running.database.db.transaction(async (tx) => {
          for (const effect of effects.slice(start, start + batchSize)) {
            const { id } = await enqueue(app.outbox, tx, effect);
            if (id !== null) ids.push(id);
          }
        });
      }
      const enqueueMs = performance.now() - enqueueStarted;
      if (ids.length !== effectCount) throw new Error(`enqueued ${ids.length} of ${effectCount}`);

      const drainStarted = performance.now();
      worker.start();
      await waitUntil(() => worker.counters.delivered >= effectCount || worker.counters.dead > 0, {
        what: 'the outbox to drain',
        timeoutMs: drainTimeoutMs,
        progress: () => JSON.stringify(worker.counters),
      });
      const drainMs = performance.now() - drainStarted;
      if (worker.counters.dead > 0) throw new Error(`dead letters during the run: ${JSON.stringify(await app.outbox.stats())}`);
      const bulkLatency = await deliveryLatencies(running, ids);

      // Trickle: one effect per transaction every few ms while the worker is running.
      const trickleIds: bigint[] = [];
      const deliveredBefore = worker.counters.delivered;
      for (let i = 0; i < trickleCount; i += 1) {
        const { id } = await running.database.db.transaction((tx) => enqueue(app.outbox, tx, effectAt(i, { robotCode, run: 'trickle' })));
        if (id !== null) trickleIds.push(id);
        await sleep(trickleEveryMs);
      }
      await waitUntil(() => worker.counters.delivered - deliveredBefore >= trickleCount || worker.counters.dead > 0, { what: 'the trickle to drain', timeoutMs: 30_000 });
      if (worker.counters.dead > 0) throw new Error(`dead letters during the trickle: ${JSON.stringify(await app.outbox.stats())}`);
      const trickleLatency = await deliveryLatencies(running, trickleIds);

      const { counters } = worker;
      // The sandbox's own view: every card got its update after it was created.
      const claimed = sandbox.state.messaging.cards.list().filter((card) => card.outTrackId.startsWith('bulk-') && card.cardParamMap.status === '陈刚 已认领').length;
      if (claimed !== ofKind('dingtalk.card_update')) throw new Error(`the sandbox shows ${claimed} updated cards, expected ${ofKind('dingtalk.card_update')}`);

      printTable(`Outbox: delivery to the sandbox, no faults (${database}, concurrency 8, poll 10 ms, robot budget out of reach)`, [
        [`enqueue ${effectCount} effects, ${batchSize} per transaction`, `${enqueueMs.toFixed(0)} ms · ${perSecond(effectCount, enqueueMs)}`],
        [
          'mix',
          `${ofKind('dingtalk.work_notification')} work notifications · ${ofKind('dingtalk.group_message')} group messages (${groups.length} groups) · ${ofKind('dingtalk.card_create')} cards created + ${ofKind('dingtalk.card_update')} updated`,
        ],
        [`drain ${effectCount} effects (worker start → all delivered)`, `${drainMs.toFixed(0)} ms · ${perSecond(effectCount, drainMs)}`],
        ['  enqueue → delivered, bulk (includes the wait for the worker)', latency(bulkLatency)],
        [`  enqueue → delivered, trickle (${trickleCount} single-effect transactions, worker running)`, latency(trickleLatency)],
        ['  worker counters', `delivered ${counters.delivered} · retried ${counters.retried} · dead ${counters.dead} · deferred by rate limit ${counters.deferredByRateLimit}`],
      ]);
    } finally {
      await worker.stop();
    }
  });
}

export async function benchOutboxThroughput() {
  for (const database of benchDatabases()) await benchOn(database);
}
