import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { buildTestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import { cardOf, createSource, groupsOf } from './alerts-fixture';

// Issue 5 "Done when": a stock Alertmanager (Debian's prometheus-alertmanager) whose webhook_configs
// points at DingOps delivers firing and resolved alerts that become, and update, a card in the
// sandbox's IT ops group.

const binary = '/usr/bin/prometheus-alertmanager';
const hasAlertmanager = existsSync(binary);
if (!hasAlertmanager) console.warn(`Skipping the stock Alertmanager test: ${binary} is missing (apt-get install prometheus-alertmanager)`);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const alertmanagerConfig = ({ url, token }: { url: string; token: string }) => `
route:
  receiver: dingops
  group_by: ['alertname', 'service']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: dingops
    webhook_configs:
      - url: '${url}'
        send_resolved: true
        http_config:
          authorization:
            credentials: '${token}'
`;

describe.skipIf(!hasAlertmanager)('stock Alertmanager → DingOps → DingTalk card', { timeout: 120_000 }, () => {
  let alertmanager: ChildProcess | null = null;
  let workDir: string | null = null;
  afterAll(async () => {
    const running = alertmanager;
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    }
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('F1: a firing alert posted to Alertmanager appears as a level-1 card in IT运维值班群, and the card turns resolved when the alert ends', async () => {
    const t = await buildTestApp({}, { realClock: true });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const appPort = (t.app.server.address() as AddressInfo).port;
    const source = await createSource(t);

    workDir = await mkdtemp(join(tmpdir(), 'dingops-am-'));
    await writeFile(join(workDir, 'alertmanager.yml'), alertmanagerConfig({ url: `http://127.0.0.1:${appPort}/api/v1/alerts/webhooks/alertmanager`, token: source.token }));
    const amPort = await freePort();
    const amUrl = `http://127.0.0.1:${amPort}`;
    const output: string[] = [];
    alertmanager = spawn(binary, [`--config.file=${join(workDir, 'alertmanager.yml')}`, `--storage.path=${join(workDir, 'data')}`, `--web.listen-address=127.0.0.1:${amPort}`, '--cluster.listen-address='], { stdio: ['ignore', 'pipe', 'pipe'] });
    alertmanager.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    alertmanager.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    await waitFor(async () => (await fetch(`${amUrl}/-/ready`).catch(() => null))?.ok, `Alertmanager to be ready (${output.join('').slice(-500)})`, 30_000);

    const labels = { alertname: 'ErpDatabaseDown', service: 'erp', instance: 'db1', severity: 'critical' };
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const fire = await fetch(`${amUrl}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ labels, annotations: { summary: 'ERP 数据库 db1 无法连接' }, startsAt }]) });
    expect(fire.status).toBe(200);

    const [group] = await waitFor(async () => {
      const groups = await groupsOf(t, source.admin.headers);
      return groups.length > 0 ? groups : null;
    }, 'the firing alert to reach DingOps', 30_000);
    expect(group).toMatchObject({ level: 1, status: 'firing', firingCount: 1 });
    await t.drainOutbox();
    const card = await cardOf(t, group!.id);
    expect(card?.cardParamMap).toMatchObject({ title: '[一级] ErpDatabaseDown', status: '未认领' });
    expect(card?.deliveries[0]?.spaceId).toBe(demoGroupIds['it-oncall']);

    const resolve = await fetch(`${amUrl}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ labels, annotations: { summary: 'ERP 数据库 db1 无法连接' }, startsAt, endsAt: new Date(Date.now() - 1000).toISOString() }]) });
    expect(resolve.status).toBe(200);
    await waitFor(async () => (await groupsOf(t, source.admin.headers))[0]?.status === 'resolved', 'the resolved alert to reach DingOps', 30_000);
    await t.drainOutbox();
    const resolved = await cardOf(t, group!.id);
    expect(resolved?.cardParamMap.statusColor).toBe('green');
    expect(resolved?.cardParamMap.status).toMatch(/^已解决/);
  });
});
