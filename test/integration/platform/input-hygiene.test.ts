import { describe, expect, it } from 'vitest';
import { webhookSourceKinds } from '../../../shared/src/alert-sources';
import { fingerprintOf } from '../../../shared/src/rules/alert-grouping';
import { alertmanagerPayload } from '../../support/alertmanager-payload';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { kumaMonitor, uptimeKumaPayload } from '../../support/uptime-kuma-payload';

/**
 * Postgres refuses U+0000 in text and jsonb, and jsonb refuses a lone UTF-16 surrogate; both used
 * to reach a query and answer 500. People's input is refused naming the field; monitoring
 * webhooks, whose senders retry forever, have the characters replaced with U+FFFD.
 */
// The first test in a worker also loads the app graph and the database snapshot.
describe('text Postgres cannot store', { timeout: 90_000 }, () => {
  async function signedIn() {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const itStaff = await t.loginAs(demo.itStaff);
    return { t, admin, itStaff };
  }

  function expectRefused(response: Awaited<ReturnType<TestApp['app']['inject']>>, paths: string[]) {
    expect(response.statusCode, response.body).toBe(400);
    const problem = problemOf(response);
    expect(problem.code).toBe('http.unstorable_text');
    expect(problem.errors?.map((issue) => issue.path).sort()).toEqual([...paths].sort());
  }

  it('P2: U+0000 in a query parameter is a 400 naming the parameter', async () => {
    const { t, admin } = await signedIn();
    for (const [url, path] of [
      ['/api/v1/users?q=%00', 'querystring.q'],
      ['/api/v1/audit?targetId=a%00b', 'querystring.targetId'],
      ['/api/v1/alerts/groups?q=%00', 'querystring.q'],
      ['/api/v1/knowledge?q=vpn%00', 'querystring.q'],
    ] as const) {
      expectRefused(await t.app.inject({ method: 'GET', url, headers: admin.headers }), [path]);
    }
  });

  it('P2: U+0000 in a path parameter is a 400 naming the parameter', async () => {
    const { t, admin } = await signedIn();
    // The chat id's own schema (DingTalk's cid… shape) refuses it first; either way the parameter is named.
    for (const response of [
      await t.app.inject({ method: 'GET', url: '/api/v1/alerts/chats/%00/robots', headers: admin.headers }),
      await t.app.inject({ method: 'DELETE', url: `/api/v1/alerts/chats/a%00b/robots/${crypto.randomUUID()}`, headers: admin.headers }),
    ]) {
      expect(response.statusCode, response.body).toBe(400);
      expect(problemOf(response).errors?.map((issue) => issue.path)).toEqual(['params.conversationId']);
    }
  });

  it('R5: a fault report with U+0000 or a lone surrogate is refused naming each field, and nothing is stored', async () => {
    const { t, itStaff } = await signedIn();
    const report = { category: 'network', title: '打印机\u0000卡纸', description: '\ud83d 卡住了', impact: 'self', urgency: 'low' };
    expectRefused(await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: itStaff.headers, payload: report }), ['body.title', 'body.description']);
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/tickets?view=all', headers: itStaff.headers });
    expect(all.json().items).toEqual([]);
    // The same report with an emoji (a surrogate pair) is fine.
    const fine = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: itStaff.headers, payload: { ...report, title: '打印机卡纸', description: '\u{1F5A8} 卡住了' } });
    expect(fine.statusCode, fine.body).toBe(201);
  });

  it('P2: every kind of people’s input names the field at fault: knowledge, categories, on-call, rules, silences, windows, probes, robots', async () => {
    const { t, admin, itStaff } = await signedIn();
    const matchers = [{ name: 'service', op: '=', value: 'erp' }];
    const chats = await t.app.inject({ method: 'GET', url: '/api/v1/alerts/chats', headers: admin.headers });
    const conversationId = encodeURIComponent(chats.json().items[0].conversationId);
    const cases = [
      ['POST', '/api/v1/knowledge', { title: 'VPN 连不上', symptom: '提示\u0000超时', resolution: '重装客户端', category: 'vpn', tags: ['vpn\udc00'] }, ['body.symptom', 'body.tags.0']],
      ['PUT', '/api/v1/ticket-categories/network', { parentCode: null, name: { zh: '网络\u0000', en: 'Network' }, sortOrder: 1, active: true }, ['body.name.zh']],
      ['POST', '/api/v1/oncall/schedules', { name: '值班\u0000', members: [itStaff.userId], handoffWeekday: 1, handoffTime: '09:00', startDate: '2026-11-30' }, ['body.name']],
      ['POST', '/api/v1/oncall/policies', { name: '\ud800', steps: [{ afterMinutes: 0, notify: ['oncall_primary'] }] }, ['body.name']],
      ['PUT', '/api/v1/alerts/rules', { rules: [{ name: 'erp', matchers: [{ name: 'service', op: '=', value: 'erp\u0000' }], level: 1 }] }, ['body.rules.0.matchers.0.value']],
      ['POST', '/api/v1/alerts/silences', { matchers, endsAt: '2026-11-28T10:00:00Z', reason: '\udc00升级' }, ['body.reason']],
      ['POST', '/api/v1/alerts/maintenance-windows', { title: '升级\u0000', matchers, startsAt: '2026-11-28T09:00:00Z', endsAt: '2026-11-28T10:00:00Z' }, ['body.title']],
      ['POST', '/api/v1/alerts/probes', { name: 'ERP', kind: 'http', target: 'http://127.0.0.1:9/\u0000', labels: { 'team\u0000': 'ops' } }, ['body.target', 'body.labels.team\uFFFD']],
      ['POST', `/api/v1/alerts/chats/${conversationId}/robots`, { name: '机器人\u0000', webhookUrl: `${t.sandboxUrl}/robot/send?access_token=abc` }, ['body.name']],
    ] as const;
    for (const [method, url, payload, paths] of cases) {
      expectRefused(await t.app.inject({ method, url, headers: admin.headers, payload }), [...paths]);
    }
  });

  it('F1: monitoring webhooks of every kind accept U+0000 and lone surrogates as U+FFFD in labels, annotations and fingerprints', async () => {
    const { t, admin } = await signedIn();
    const tokens: Record<string, string> = {};
    for (const kind of webhookSourceKinds) {
      const source = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources', headers: admin.headers, payload: { name: kind, kind } });
      tokens[kind] = source.json().token;
    }
    const [alert] = alertmanagerPayload([{ labels: { alertname: 'Disk\u0000Full', 'team\u0000': 'ops', severity: 'critical' }, annotations: { summary: '\ud800磁盘满' } }]).alerts;
    const broken = { ...alert!, fingerprint: 'fp\u0000am', generatorURL: 'http://prometheus.example/\udfff' };
    const sends = [
      ['alertmanager', { ...alertmanagerPayload([]), alerts: [broken] }],
      ['grafana', { ...alertmanagerPayload([]), title: '\u0000', alerts: [{ ...broken, labels: { ...broken.labels, alertname: 'Grafana\u0000' }, fingerprint: 'fp\u0000gf', valueString: '\ud800' }] }],
      ['generic', { title: 'Backup\u0000failed', labels: { 'job\ud800': 'nightly' }, annotations: { detail: '\u0000' }, fingerprint: 'fp\u0000gn' }],
      ['uptime-kuma', uptimeKumaPayload({ status: 0, msg: '\u0000超时' }, kumaMonitor({ id: 11, name: 'Kuma\u0000', tags: [{ name: 'team\ud800', value: 'ops' }] }))],
    ] as const;
    for (const [kind, payload] of sends) {
      const response = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/webhooks/${kind}`, headers: { authorization: `Bearer ${tokens[kind]}` }, payload });
      expect(response.statusCode, `${kind}: ${response.body}`).toBe(202);
    }
    const groups = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups', headers: admin.headers })).json().items as { id: string }[];
    const alerts: { fingerprint: string; labels: Record<string, string>; annotations: Record<string, string> }[] = [];
    for (const group of groups) alerts.push(...(await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${group.id}`, headers: admin.headers })).json().alerts);
    // Uptime Kuma's fingerprint is its monitor's id.
    const kuma = fingerprintOf({ uptime_kuma_monitor: '11' });
    expect(alerts.map((stored) => stored.fingerprint).sort()).toEqual(['fp\uFFFDam', 'fp\uFFFDgf', 'fp\uFFFDgn', kuma].sort());
    const byFingerprint = Object.fromEntries(alerts.map((stored) => [stored.fingerprint, stored]));
    expect(byFingerprint['fp\uFFFDam']).toMatchObject({ labels: { alertname: 'Disk\uFFFDFull', 'team\uFFFD': 'ops' }, annotations: { summary: '\uFFFD磁盘满' } });
    expect(byFingerprint['fp\uFFFDgf']?.labels.alertname).toBe('Grafana\uFFFD');
    expect(byFingerprint['fp\uFFFDgn']).toMatchObject({ labels: { alertname: 'Backup\uFFFDfailed', 'job\uFFFD': 'nightly' }, annotations: { detail: '\uFFFD' } });
    expect(byFingerprint[kuma]).toMatchObject({ labels: { alertname: 'Kuma\uFFFD', 'team\uFFFD': 'ops' }, annotations: { summary: '\uFFFD超时' } });
    // The API document says so, for whoever points a monitor at it.
    const document = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const kind of webhookSourceKinds) expect(document.paths[`/api/v1/alerts/webhooks/${kind}`].post.description).toContain('U+FFFD');
    expect(document.info.description).toContain('http.unstorable_text');
  });

  it('F1: a generic webhook the schema refuses names the field at fault, whichever of its two shapes was sent', async () => {
    const { t, admin } = await signedIn();
    const source = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources', headers: admin.headers, payload: { name: 'script', kind: 'generic' } });
    const headers = { authorization: `Bearer ${source.json().token}` };
    const pathsOf = async (payload: unknown) => {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/generic', headers, payload: payload as object });
      expect(response.statusCode).toBe(400);
      return problemOf(response).errors?.map((issue) => issue.path);
    };
    expect(await pathsOf({ title: 5 })).toEqual(['body.title']);
    expect(await pathsOf({ title: 'Backup failed', severity: 'x'.repeat(60) })).toEqual(['body.severity']);
    expect(await pathsOf({ title: 'Backup failed', labels: { service: 5 } })).toEqual(['body.labels.service']);
    expect(await pathsOf({ alerts: [{ title: 'ok' }, { title: 'Backup failed', labels: { service: 5 } }] })).toEqual(['body.alerts.1.labels.service']);
    expect(await pathsOf({ alerts: [] })).toEqual(['body.alerts']);
  });

  it('R5: a screenshot’s file name keeps only storable characters, and a long name is cut between characters, not inside one', async () => {
    const { t, admin } = await signedIn();
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: admin.headers, payload: { category: 'network', title: '打印机卡纸', description: '卡住了', impact: 'self', urgency: 'low' } });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154089963f8cfc0f01f00050001ffabce36890000000049454e44ae426082', 'hex');
    const upload = async (encodedName: string) => {
      const boundary = '----dingopsname';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodedName}\r\nContent-Type: image/png\r\n\r\n`;
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${created.json().id}/attachments`,
        headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([Buffer.from(head), png, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().fileName as string;
    };
    expect(await upload('a%00b%ED%A0%80.png')).toBe('ab\uFFFD\uFFFD\uFFFD.png');
    // Names keep 110 characters and their real extension: the cut falls after the emoji, not inside it.
    expect(await upload(`${'a'.repeat(109)}${encodeURIComponent('\u{1F600}\u{1F600}')}.png`)).toBe(`${'a'.repeat(109)}\u{1F600}.png`);
  });

  it('R5, F1: text cut for a card or an annotation is cut between characters, so long runs of emoji are stored and sent', async () => {
    const { t, admin, itStaff } = await signedIn();
    const emoji = (count: number) => `a${'\u{1F600}'.repeat(count)}`;
    // The ticket card shows the first 300 characters; half an emoji in the outbox's jsonb used to fail the report.
    const report = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: itStaff.headers, payload: { category: 'network', title: emoji(40), description: emoji(1999), impact: 'company', urgency: 'high' } });
    expect(report.statusCode, report.body).toBe(201);

    const tokens: Record<string, string> = {};
    for (const kind of ['alertmanager', 'grafana']) tokens[kind] = (await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources', headers: admin.headers, payload: { name: kind, kind } })).json().token;
    // The alert card shows the first 500 characters of the summary; it used to be lost silently.
    const [alert] = alertmanagerPayload([{ labels: { alertname: 'EmojiSummary', severity: 'critical' }, annotations: { summary: emoji(1000) } }]).alerts;
    const paged = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/alertmanager', headers: { authorization: `Bearer ${tokens.alertmanager}` }, payload: { ...alertmanagerPayload([]), alerts: [alert] } });
    expect(paged.statusCode, paged.body).toBe(202);
    // Grafana's valueString becomes the `value` annotation, cut at 500 characters.
    const grafana = { ...alertmanagerPayload([]), alerts: [{ ...alert!, labels: { alertname: 'EmojiValue', severity: 'info' }, annotations: {}, valueString: emoji(600) }] };
    const valued = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/grafana', headers: { authorization: `Bearer ${tokens.grafana}` }, payload: grafana });
    expect(valued.statusCode, valued.body).toBe(202);

    await t.drainOutbox();
    const groups = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups', headers: admin.headers })).json().items as { id: string; title: string }[];
    const summaryGroup = groups.find((group) => group.title === 'EmojiSummary')!;
    const card = await t.sandboxApi<{ cardParamMap: Record<string, string> }>(`/cards/alert-group-${summaryGroup.id}`);
    expect(JSON.stringify(card.cardParamMap)).toContain(`${emoji(499)}…`);
    const valueGroup = groups.find((group) => group.title === 'EmojiValue')!;
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${valueGroup.id}`, headers: admin.headers })).json();
    expect(detail.alerts[0].annotations.value).toBe(emoji(499));
  });

  it('P2: a body nested deeper than any schema is refused, whether its schema checks the nesting or takes any JSON', async () => {
    const { t, admin } = await signedIn();
    const deep = `{"title":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const headers = { ...admin.headers, 'content-type': 'application/json' };
    const validated = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers, payload: deep });
    expect(validated.statusCode).toBe(400);
    expect(problemOf(validated)).toMatchObject({ code: 'http.invalid_request', errors: expect.arrayContaining([{ path: 'body.title', message: expect.any(String) }]) });
    // DingTalk's robot callback takes any JSON object (and stores it as jsonb).
    const anyJson = await t.app.inject({ method: 'POST', url: '/dingtalk/robot', headers: { 'content-type': 'application/json' }, payload: deep });
    expect(anyJson.statusCode).toBe(400);
    expect(problemOf(anyJson)).toMatchObject({ code: 'http.nested_too_deep', errors: [{ path: expect.stringMatching(/^body\.title(\.0)+$/) }] });
  });

  it('P2: fields a schema drops are not held against the request', async () => {
    const { t, admin } = await signedIn();
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/users?utm=%00', headers: admin.headers });
    expect(response.statusCode).toBe(200);
    const noQuery = await t.app.inject({ method: 'GET', url: '/api/v1/me?utm=%00', headers: admin.headers });
    expect(noQuery.statusCode).toBe(200);
    const ignoredBody = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"a":"\\u0000"}' });
    expect(ignoredBody.statusCode).toBe(200);
  });
});
