// Event intake: org events pushed by the in-process DingTalk sandbox over Stream, recorded in the inbox
// and ACKed, then handed to a (no-op) handler by the dispatcher; and the same through the encrypted
// HTTP callback. Runs on embedded PGlite, and on Postgres too when BENCH_DATABASE_URL (or
// TEST_DATABASE_URL) is set. Everything runs on loopback.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createCallbackCrypto } from '../../server/src/dingtalk/callback-crypto';
import { demoUserIds } from '../../server/src/sandbox';
import type { RunningDingOps } from '../../server/src/runtime';
import { type BenchDatabase, benchDatabases, latency, perSecond, waitUntil, withBenchDingOps } from './outbox.bench';
import { printTable } from './report';

/** Events pushed over Stream in one burst. */
const streamEventCount = 2000;
/** Encrypted HTTP callbacks, first one at a time (as DingTalk's pushes arrive), then several in flight. */
const httpEventCount = 500;
const httpInFlight = 8;
const timeoutMs = 120_000;

const topic = 'user_modify_org';
const people = Object.values(demoUserIds);
const operator = demoUserIds.wanglei;

async function processedCount(running: RunningDingOps): Promise<number> {
  const result = await running.database.db.execute(sql`SELECT count(*)::int AS n FROM inbox_events WHERE status = 'processed'`);
  return Number((result.rows[0] as { n: number } | undefined)?.n ?? 0);
}

async function duplicateCount(running: RunningDingOps): Promise<number> {
  const result = await running.database.db.execute(sql`SELECT coalesce(sum(duplicates), 0)::int AS n FROM inbox_events`);
  return Number((result.rows[0] as { n: number } | undefined)?.n ?? 0);
}

/**
 * Stream: publish a burst; time until the sandbox has every event's ACK (the transport ACKs only once
 * the event is recorded), then until every one is processed. Progress is watched in memory (the
 * sandbox's records, the handler's count): polling the database would queue behind the inserts on
 * PGlite's single connection and blur the two moments. The database is asked only at the end.
 */
async function streamIntake(running: RunningDingOps, handled: () => number) {
  const sandbox = running.sandbox;
  if (!sandbox) throw new Error('the benchmark needs the built-in sandbox');
  const events = sandbox.state.events;

  const ids: string[] = [];
  const started = performance.now();
  for (let i = 0; i < streamEventCount; i += 1) {
    ids.push(events.publishEvent({ eventType: topic, data: { userId: [people[i % people.length]!], optStaffId: operator, timeStamp: String(Date.now()) } }).eventId);
  }
  const publishedMs = performance.now() - started;

  // ACKs come back roughly in order: walk forward from the first one not yet seen.
  let firstUnacked = 0;
  const allAcked = () => {
    while (firstUnacked < ids.length && events.get(ids[firstUnacked]!)?.status === 'acked') firstUnacked += 1;
    return firstUnacked === ids.length;
  };
  await waitUntil(allAcked, { what: 'the Stream events to be ACKed', timeoutMs, everyMs: 10, progress: () => `${firstUnacked} ACKed in order` });
  const intakeMs = performance.now() - started;
  await waitUntil(async () => handled() >= streamEventCount && (await processedCount(running)) >= streamEventCount, {
    what: 'the Stream events to be processed',
    timeoutMs,
    everyMs: 10,
    progress: () => `${handled()} handled`,
  });
  const processedMs = performance.now() - started;
  return { publishedMs, intakeMs, processedMs, duplicates: await duplicateCount(running) };
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

  const samples: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const sent = performance.now();
      const response = await running.app.inject({ method: 'POST', url: request.url, payload: { encrypt: request.encrypt } });
      if (response.statusCode !== 200) throw new Error(`callback answered ${response.statusCode}: ${response.body}`);
      samples.push(performance.now() - sent);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  return { ms: performance.now() - started, samples };
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

    const stream = await streamIntake(running, () => handled);

    const sequential = await httpIntake(running, { count: httpEventCount, inFlight: 1, offset: 0 });
    const parallel = await httpIntake(running, { count: httpEventCount, inFlight: httpInFlight, offset: httpEventCount });
    const expected = streamEventCount + 2 * httpEventCount;
    await waitUntil(async () => handled >= expected && (await processedCount(running)) >= expected, { what: 'the HTTP events to be processed', timeoutMs, progress: () => `${handled} handled` });
    if (handled !== expected) throw new Error(`the handler ran ${handled} times for ${expected} events`);

    printTable(`Inbox: event intake and dispatch (${database}, no-op handler)`, [
      [`Stream: ${streamEventCount} org events published by the sandbox in one burst`, `${stream.publishedMs.toFixed(0)} ms to publish`],
      ['  recorded + ACKed (intake)', `${stream.intakeMs.toFixed(0)} ms · ${perSecond(streamEventCount, stream.intakeMs)}`],
      ['  recorded + ACKed + dispatched (status processed)', `${stream.processedMs.toFixed(0)} ms · ${perSecond(streamEventCount, stream.processedMs)}`],
      ['  redelivered copies counted as duplicates', String(stream.duplicates)],
      [`HTTP callback: ${httpEventCount} encrypted POSTs, one at a time (recorded, answered)`, `${sequential.ms.toFixed(0)} ms · ${perSecond(httpEventCount, sequential.ms)}`],
      ['  per POST', latency(sequential.samples)],
      [`HTTP callback: ${httpEventCount} encrypted POSTs, ${httpInFlight} in flight`, `${parallel.ms.toFixed(0)} ms · ${perSecond(httpEventCount, parallel.ms)}`],
      ['  per POST', latency(parallel.samples)],
    ]);
  });
}

export async function benchEventIntake() {
  for (const database of benchDatabases()) await benchOn(database);
}
