// Event intake: org events pushed by the in-process DingTalk sandbox over Stream, recorded in the inbox
// and ACKed, then handed to a (no-op) handler by the dispatcher; and the same through the encrypted
// HTTP callback. Runs on embedded PGlite, and on Postgres too when BENCH_DATABASE_URL (or
// TEST_DATABASE_URL) is set. Everything runs on loopback.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createCallbackCrypto } from '../../server/src/dingtalk/callback-crypto';
import { demoUserIds } from '../../server/src/dingtalk/sandbox';
import type { RunningDingOps } from '../../server/src/runtime';
import { type BenchDatabase, benchDatabases, perSecond, waitUntil, withBenchDingOps } from './outbox.bench';
import { printTable } from './report';

/** Events pushed over Stream in one burst. */
const streamEventCount = 2000;
/** Encrypted HTTP callbacks, first one at a time (as DingTalk's pushes arrive), then several in flight. */
const httpEventCount = 1000;
const httpInFlight = 8;
const timeoutMs = 120_000;

const topic = 'user_modify_org';
const people = Object.values(demoUserIds);
const operator = demoUserIds.wanglei;

async function inboxCounts(running: RunningDingOps): Promise<{ total: number; processed: number; duplicates: number }> {
  const result = await running.database.db.execute(
    sql`SELECT count(*)::int AS total, (count(*) FILTER (WHERE status = 'processed'))::int AS processed, coalesce(sum(duplicates), 0)::int AS duplicates FROM inbox_events`,
  );
  const row = result.rows[0] as { total: number; processed: number; duplicates: number } | undefined;
  return { total: Number(row?.total ?? 0), processed: Number(row?.processed ?? 0), duplicates: Number(row?.duplicates ?? 0) };
}

/** Stream: publish a burst, time until every event is stored and ACKed, and until every one is processed. */
async function streamIntake(running: RunningDingOps) {
  const sandbox = running.sandbox;
  if (!sandbox) throw new Error('the benchmark needs the built-in sandbox');
  const events = sandbox.state.events;
  const ackedCount = () => events.list({ kind: 'event', status: 'acked' }).length;

  const started = performance.now();
  for (let i = 0; i < streamEventCount; i += 1) {
    events.publishEvent({ eventType: topic, data: { userId: [people[i % people.length]!], optStaffId: operator, timeStamp: String(Date.now()) } });
  }
  const publishedMs = performance.now() - started;

  let intakeMs: number | null = null;
  let last = { total: 0, processed: 0, duplicates: 0 };
  await waitUntil(
    async () => {
      last = await inboxCounts(running);
      // Listing the sandbox's records copies them: only ask once the inbox holds everything.
      if (intakeMs === null && last.total >= streamEventCount && ackedCount() >= streamEventCount) intakeMs = performance.now() - started;
      return intakeMs !== null && last.processed >= streamEventCount;
    },
    { what: 'the Stream events to be recorded, ACKed and processed', timeoutMs, progress: () => `${JSON.stringify(last)}, ${ackedCount()} ACKed` },
  );
  const processedMs = performance.now() - started;
  return { publishedMs, intakeMs: intakeMs ?? processedMs, processedMs, duplicates: last.duplicates };
}

/** HTTP callback: encrypted, signed POSTs to /dingtalk/callback, as DingTalk sends them. */
async function httpIntake(running: RunningDingOps, { count, inFlight, offset }: { count: number; inFlight: number; offset: number }) {
  const { config } = running.app.deps;
  const { callbackToken, callbackAesKey, ownerKey } = config.dingtalk.events;
  const crypto = createCallbackCrypto({ token: callbackToken, aesKey: callbackAesKey, ownerKey });

  // Sealing is DingTalk's work, not ours: do it before the clock starts.
  const requests = Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const plain = JSON.stringify({ EventType: topic, CorpId: config.dingtalk.corpId, UserId: [people[n % people.length]!], OptStaffId: operator, TimeStamp: String(Date.now() * 1000 + n) });
    const encrypt = crypto.encrypt(plain);
    const timestamp = String(Date.now());
    const nonce = randomBytes(8).toString('hex');
    return { url: `/dingtalk/callback?msg_signature=${crypto.sign({ timestamp, nonce, encrypt })}&timestamp=${timestamp}&nonce=${nonce}`, encrypt };
  });

  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const response = await running.app.inject({ method: 'POST', url: request.url, payload: { encrypt: request.encrypt } });
      if (response.statusCode !== 200) throw new Error(`callback answered ${response.statusCode}: ${response.body}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  return performance.now() - started;
}

async function benchOn(database: BenchDatabase) {
  await withBenchDingOps(database, { DINGTALK_EVENT_TRANSPORT: 'stream' }, async (running) => {
    const { app } = running;
    let handled = 0;
    app.inbox.on(topic, async () => {
      handled += 1;
    });
    await app.ready();
    await app.inbox.whenConnected();

    const stream = await streamIntake(running);

    const sequentialMs = await httpIntake(running, { count: httpEventCount, inFlight: 1, offset: 0 });
    const parallelMs = await httpIntake(running, { count: httpEventCount, inFlight: httpInFlight, offset: httpEventCount });
    const expected = streamEventCount + 2 * httpEventCount;
    await waitUntil(async () => (await inboxCounts(running)).processed >= expected, { what: 'the HTTP events to be processed', timeoutMs });
    if (handled !== expected) throw new Error(`the handler ran ${handled} times for ${expected} events`);

    printTable(`Inbox: event intake and dispatch (${database}, no-op handler)`, [
      [`Stream: ${streamEventCount} org events published by the sandbox in one burst`, `${stream.publishedMs.toFixed(0)} ms to publish`],
      ['  recorded + ACKed (intake)', `${stream.intakeMs.toFixed(0)} ms · ${perSecond(streamEventCount, stream.intakeMs)}`],
      ['  recorded + ACKed + dispatched (status processed)', `${stream.processedMs.toFixed(0)} ms · ${perSecond(streamEventCount, stream.processedMs)}`],
      ['  redelivered copies counted as duplicates', String(stream.duplicates)],
      [`HTTP callback: ${httpEventCount} encrypted POSTs, one at a time`, `${sequentialMs.toFixed(0)} ms · ${perSecond(httpEventCount, sequentialMs)}`],
      [`HTTP callback: ${httpEventCount} encrypted POSTs, ${httpInFlight} in flight`, `${parallelMs.toFixed(0)} ms · ${perSecond(httpEventCount, parallelMs)}`],
    ]);
  });
}

export async function benchEventIntake() {
  for (const database of benchDatabases()) await benchOn(database);
}
