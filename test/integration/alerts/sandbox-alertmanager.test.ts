import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { connectSandboxAlertmanager, sandboxSourceName, type SourceAccess } from '../../../server/src/demo/alerts-sandbox.seed';
import { demo } from '../../support/demo-people';
import { buildTestApp, type TestApp } from '../../support/test-app';
import { cardOf, groupsOf } from './alerts-fixture';

type Monitoring = { receiver: { url: string } | null; samples: { key: string; firingSince: string | null }[]; sent: { sample: string; status: string; outcome: string; httpStatus: number | null }[] };

/** Starts DingOps listening (as `npm start` does) and waits until it has given the sandbox its webhook. */
async function listeningApp(): Promise<TestApp> {
  const t = await buildTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await t.sandboxApi<Monitoring>('/monitoring')).receiver) return t;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('DingOps never registered its webhook with the sandbox');
}

/** The alerts service's source calls, made through the HTTP API as the given admin. */
function sourcesThroughApi(t: TestApp, headers: Record<string, string>): SourceAccess {
  const call = async (method: 'GET' | 'POST', url: string, payload?: Record<string, string>) => {
    const response = await t.app.inject({ method, url: `/api/v1/alerts${url}`, headers, payload });
    if (response.statusCode >= 300) throw new Error(`${method} ${url} → ${response.statusCode}`);
    return response.json();
  };
  return {
    listSources: () => call('GET', '/sources'),
    createSource: ({ name, kind }) => call('POST', '/sources', { name, kind }),
    rotateSource: ({ id }) => call('POST', `/sources/${id}/rotate`),
  };
}

async function sendSample(t: TestApp, sample: string, status: 'firing' | 'resolved') {
  return fetch(`${t.sandboxUrl}/sandbox/api/monitoring/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sample, status }) });
}

describe("the sandbox's Alertmanager (DEMO.md step 4)", { timeout: 90_000 }, () => {
  it('F1/F2: on start DingOps gives the sandbox a source token and its webhook; the sample ERP alert becomes a level-1 card @-ing the on-call, and its resolve turns the card green', async () => {
    const t = await listeningApp();
    const { receiver } = await t.sandboxApi<Monitoring>('/monitoring');
    expect(receiver?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/alerts\/webhooks\/alertmanager$/);
    const admin = await t.loginAs(demo.itLead);
    const sources = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/sources', headers: admin.headers })).json() as { items: { name: string; kind: string; enabled: boolean }[] };
    expect(sources.items).toMatchObject([{ name: sandboxSourceName, kind: 'alertmanager', enabled: true }]);

    const fired = await sendSample(t, 'erp-connections', 'firing');
    expect(fired.status).toBe(200);
    expect(await fired.json()).toMatchObject({ sample: 'erp-connections', status: 'firing', outcome: 'delivered', httpStatus: 202 });
    await t.drainOutbox();
    const [group] = await groupsOf(t, admin.headers);
    expect(group).toMatchObject({ level: 1, status: 'firing', firingCount: 1, levelReason: '默认：severity=critical' });
    const card = await cardOf(t, group!.id);
    expect(card?.cardParamMap.title).toBe('[一级] ERPDatabaseConnectionsHigh');
    expect(card?.deliveries[0]?.spaceId).toBe(demoGroupIds['it-oncall']);
    expect(card?.deliveries[0]?.atNames.length).toBeGreaterThan(0);
    expect((await t.sandboxApi<Monitoring>('/monitoring')).samples.find((sample) => sample.key === 'erp-connections')?.firingSince).not.toBeNull();

    expect((await sendSample(t, 'erp-connections', 'resolved')).status).toBe(200);
    await t.drainOutbox();
    const [resolved] = await groupsOf(t, admin.headers);
    expect(resolved).toMatchObject({ id: group!.id, status: 'resolved', firingCount: 0 });
    expect((await cardOf(t, group!.id))?.cardParamMap).toMatchObject({ statusColor: 'green' });
    const monitoring = await t.sandboxApi<Monitoring>('/monitoring');
    expect(monitoring.sent.map((sent) => [sent.status, sent.outcome])).toEqual([
      ['resolved', 'delivered'],
      ['firing', 'delivered'],
    ]);
    expect(monitoring.samples.every((sample) => sample.firingSince === null)).toBe(true);
  });

  it('a restarted sandbox gets the one sandbox source with a rotated token, never a second source; a connected sandbox is left be; a source an admin disabled stays disabled', async () => {
    const t = await listeningApp();
    const admin = await t.loginAs(demo.itLead);
    const { url } = (await t.sandboxApi<Monitoring>('/monitoring')).receiver!;
    // What the next start does, through the sources API an admin would use.
    const connect = () => connectSandboxAlertmanager({ service: sourcesThroughApi(t, admin.headers), sandboxApiUrl: `${t.sandboxUrl}/sandbox/api`, webhookUrl: url });
    // Another instance (or DingOps restarted alone) finds the sandbox connected and leaves it be.
    expect(await connect()).toBe('already');
    // A restarted sandbox has forgotten its receiver: the source's token is rotated and registered anew.
    const sandboxRestarted = async () => expect((await fetch(`${t.sandboxUrl}/sandbox/api/monitoring/receiver`, { method: 'DELETE' })).status).toBe(204);
    await sandboxRestarted();
    expect(await connect()).toBe('rotated');
    const sources = () => t.app.inject({ method: 'GET', url: '/api/v1/alerts/sources', headers: admin.headers }).then((response) => (response.json() as { items: { id: string; rotatedAt: string | null }[] }).items);
    const [source] = await sources();
    expect((await sources()).length).toBe(1);
    expect(source?.rotatedAt).not.toBeNull();
    expect((await sendSample(t, 'nas-disk', 'firing')).status).toBe(200);

    expect((await t.app.inject({ method: 'POST', url: `/api/v1/alerts/sources/${source!.id}/disable`, headers: admin.headers })).statusCode).toBe(200);
    const refused = await sendSample(t, 'nas-disk', 'resolved');
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/answered 401/);
    await sandboxRestarted();
    expect(await connect()).toBe('disabled');
    await t.app.inject({ method: 'POST', url: `/api/v1/alerts/sources/${source!.id}/enable`, headers: admin.headers });
    expect(await connect()).toBe('rotated');
    expect((await sendSample(t, 'nas-disk', 'resolved')).status).toBe(200);
  });

  it('without a receiver the console is told why (409); an unknown sample or status is a 400 naming the field', async () => {
    const t = await buildTestApp();
    const none = await sendSample(t, 'erp-connections', 'firing');
    expect(none.status).toBe(409);
    expect(((await none.json()) as { code: string }).code).toBe('sandbox.no_alert_receiver');
    const unknown = await sendSample(t, 'printer-jam', 'firing');
    expect(((await unknown.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('body.sample');
    const notFiring = await sendSample(t, 'erp-connections', 'resolved');
    expect(((await notFiring.json()) as { code: string }).code).toBe('sandbox.sample_not_firing');
    const badStatus = await sendSample(t, 'erp-connections', 'pending' as 'firing');
    expect(((await badStatus.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('body.status');
    const badReceiver = await fetch(`${t.sandboxUrl}/sandbox/api/monitoring/receiver`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'ftp://x', token: 'y' }) });
    expect(((await badReceiver.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('body.url');
  });
});
