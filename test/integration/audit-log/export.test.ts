import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';

type Session = Awaited<ReturnType<TestApp['loginAs']>>;
type Entry = { id: string; action: string; actorId: string | null; actorDingtalkId: string | null; at: string };

const listOf = async (t: TestApp, session: Session, query: string): Promise<Entry[]> => {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/audit?limit=200&${query}`, headers: session.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
};

/** The CSV as records of cells (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    record.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') quoted = !quoted;
    else if (quoted) cell += char;
    else if (char === ',') endCell();
    else if (char === '\r' && text[i + 1] === '\n') {
      endCell();
      records.push(record);
      record = [];
      i += 1;
    } else cell += char;
  }
  return records;
}

const exportOf = async (t: TestApp, session: Session, query: string) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/audit/export.csv?${query}`, headers: session.headers });
  expect(response.statusCode, response.body).toBe(200);
  const [header, ...rows] = parseCsv(response.body.slice(1));
  return { response, header: header!, rows };
};

describe('GET /api/v1/audit filters (rules S4, S5)', () => {
  it('S5: a person is found by DingOps id or by DingTalk id, with the DingTalk id on every row', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    const employee = await t.loginAs(demo.employee);
    await t.loginAs(demo.salesRep);
    const byDingtalk = await listOf(t, auditor, `actorDingtalkId=${demo.employee}`);
    expect(byDingtalk.length).toBeGreaterThan(0);
    expect(byDingtalk.every((entry) => entry.actorId === employee.userId && entry.actorDingtalkId === demo.employee)).toBe(true);
    expect((await listOf(t, auditor, `actorId=${employee.userId}`)).map((entry) => entry.id)).toEqual(byDingtalk.map((entry) => entry.id));
    expect(await listOf(t, auditor, 'actorDingtalkId=nobody-here')).toEqual([]);
  });

  it('S5: an action family (users.*, access.*) means every action starting with it; an exact action only itself', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    const admin = await t.loginAs(demo.itLead);
    const employee = await t.loginAs(demo.employee);
    await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers });
    await t.app.inject({ method: 'GET', url: `/api/v1/users/${employee.userId}`, headers: admin.headers });
    await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: employee.headers }); // refused: access.denied

    const users = await listOf(t, auditor, 'action=users.*');
    expect(users.every((entry) => entry.action.startsWith('users.'))).toBe(true);
    expect(users.map((entry) => entry.action)).toEqual(expect.arrayContaining(['users.listed', 'users.read']));
    const access = await listOf(t, auditor, 'action=access.*');
    // The family holds the refusal and, in sandbox mode, the demo catalog's seeded grants.
    expect(access.map((entry) => entry.action)).toContain('access.denied');
    expect(access.every((entry) => entry.action.startsWith('access.'))).toBe(true);
    expect(access[0]!.actorId).toBe(employee.userId);
    expect((await listOf(t, auditor, 'action=users.read')).map((entry) => entry.action)).toEqual(['users.read']);
    // "auth.*" is the family, "auth" alone would be an exact action nobody writes.
    expect((await listOf(t, auditor, 'action=auth.*')).length).toBeGreaterThanOrEqual(3);
    expect(await listOf(t, auditor, 'action=auth')).toEqual([]);
  });

  it('S5: a Beijing day (from 00:00 to 23:59:59.999 +08:00) holds that day’s rows only', async () => {
    const t = await buildTestApp(); // the clock starts at 2026-11-28 16:00 Beijing time
    const auditor = await t.loginAs(demo.auditor);
    await t.loginAs(demo.employee);
    t.clock.advance(9 * 3_600_000); // 2026-11-29 01:00 Beijing time
    await t.loginAs(demo.salesRep);
    const day = (date: string) => `from=${encodeURIComponent(`${date}T00:00:00+08:00`)}&to=${encodeURIComponent(`${date}T23:59:59.999+08:00`)}`;
    const first = await listOf(t, auditor, `action=auth.login&${day('2026-11-28')}`);
    const second = await listOf(t, auditor, `action=auth.login&${day('2026-11-29')}`);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(second[0]!.actorDingtalkId).toBe(demo.salesRep);
  });

  it('S5: bad filters are 400 problem+json naming the field: a bad date, from after to, an unknown family', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    const cases: [string, string][] = [
      ['from=2026-11-31', 'querystring.from'],
      ['to=yesterday', 'querystring.to'],
      ['from=2026-11-29T00:00:00%2B08:00&to=2026-11-28T00:00:00%2B08:00', 'querystring.to'],
      ['action=payroll.*', 'querystring.action'],
      ['action=DROP%20TABLE', 'querystring.action'],
    ];
    for (const route of ['/api/v1/audit', '/api/v1/audit/export.csv']) {
      for (const [query, field] of cases) {
        const response = await t.app.inject({ method: 'GET', url: `${route}?${query}`, headers: auditor.headers });
        expect(response.statusCode, `${route}?${query}`).toBe(400);
        expect(problemOf(response).errors?.map((error) => error.path)).toEqual([field]);
      }
    }
  });
});

describe('GET /api/v1/audit/export.csv (rule S5)', () => {
  it('S5: the export has the filtered rows, newest first, in Excel-ready UTF-8 with BOM, and is itself audited', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    await t.loginAs(demo.employee);
    await t.loginAs(demo.salesRep);
    const { response, header, rows } = await exportOf(t, auditor, `actorDingtalkId=${demo.employee}&action=auth.*`);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-20261128-1600\.csv"$/);
    expect(response.body.charCodeAt(0)).toBe(0xfeff);
    expect(header).toEqual(expect.arrayContaining(['北京时间/time (Asia/Shanghai)', '钉钉 ID/DingTalk id', '摘要/summary (JSON)', '哈希/hash']));
    expect(rows).toHaveLength(1);
    const [id, iso, beijing, actorName, dingtalkId, action, , , result, , summary, hash] = rows[0]!;
    expect({ iso, beijing, actorName, dingtalkId, action, result }).toEqual({
      iso: '2026-11-28T08:00:00.000Z',
      beijing: '2026-11-28T16:00:00+08:00',
      actorName: '张伟',
      dingtalkId: demo.employee,
      action: 'auth.login',
      result: 'success',
    });
    expect(JSON.parse(summary!)).toEqual(expect.any(Object));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await listOf(t, auditor, `actorDingtalkId=${demo.employee}&action=auth.*`);
    expect(listed.map((entry) => entry.id)).toEqual([id]);

    const exported = await listOf(t, auditor, 'action=audit.exported');
    expect(exported).toHaveLength(1);
    const trail = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=audit.exported`, headers: auditor.headers })).json().items[0];
    expect(trail.summary).toEqual({ filters: { actorDingtalkId: demo.employee, action: 'auth.*' }, format: 'csv' });
  });

  it('P4: text someone typed is escaped, and a cell that would run as a formula starts with an apostrophe', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    const context = { actorId: 'dingtalk', actorName: '=HYPERLINK("http://evil.example","点我")', sourceIp: null, requestId: null };
    await t.app.audit.record(context, { action: 'users.updated', target: { type: 'user', id: '+cmd|"/c calc"!A1' }, summary: { note: '第一行\n第二行, "引号"' } });
    await t.app.audit.record({ ...context, actorName: '@SUM(A1:A9)' }, { action: 'users.updated', target: { type: 'user', id: '-1' } });
    const { response, rows } = await exportOf(t, auditor, 'actorId=dingtalk');
    expect(rows.map((row) => [row[3], row[7]])).toEqual([
      ["'@SUM(A1:A9)", "'-1"],
      [`'=HYPERLINK("http://evil.example","点我")`, `'+cmd|"/c calc"!A1`],
    ]);
    expect(JSON.parse(rows[1]![10]!)).toEqual({ note: '第一行\n第二行, "引号"' });
    expect(response.body).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(response.body).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it('S5: a long export is read in batches and keeps every row once, newest first', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    // Rows written straight to the table (the chain does not matter to an export): 2,500 crosses two batch edges.
    await t.database.db.execute(sql`
      INSERT INTO audit_log (at, actor_id, actor_name, action, result, summary, prev_hash, hash)
      SELECT now(), 'system', 'DingOps', 'outbox.dead_letter_retried', 'success', jsonb_build_object('n', n), 'x', 'y'
      FROM generate_series(1, 2500) AS n`);
    const { rows } = await exportOf(t, auditor, 'action=outbox.*');
    expect(rows).toHaveLength(2500);
    const numbers = rows.map((row) => (JSON.parse(row[10]!) as { n: number }).n);
    expect(numbers[0]).toBe(2500);
    expect(numbers.at(-1)).toBe(1);
    expect(new Set(numbers).size).toBe(2500);
  });

  it('S4: the export, the list, the people picker and verify are refused to employees, managers and IT staff', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    for (const person of [demo.employee, demo.salesManager, demo.itStaff]) {
      const session = await t.loginAs(person);
      for (const url of ['/api/v1/audit/export.csv', '/api/v1/audit', '/api/v1/audit/people', '/api/v1/audit/verify']) {
        const response = await t.app.inject({ method: 'GET', url, headers: session.headers });
        expect(response.statusCode, `${person} ${url}`).toBe(403);
        expect(problemOf(response).status).toBe(403);
      }
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/export.csv' })).statusCode).toBe(401);
    // The IT admin reads the trail too.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/export.csv', headers: admin.headers })).statusCode).toBe(200);
  });
});

describe('GET /api/v1/audit/people (rule S5)', () => {
  it('S5: the auditor finds people by name or DingTalk id, with names and DingTalk ids only, and the look-up is audited', async () => {
    const t = await buildTestApp();
    const auditor = await t.loginAs(demo.auditor);
    await t.loginAs(demo.employee);
    const byName = (await t.app.inject({ method: 'GET', url: `/api/v1/audit/people?q=${encodeURIComponent('张伟')}`, headers: auditor.headers })).json();
    expect(byName.items).toEqual([{ id: expect.any(String), name: '张伟', dingtalkUserId: demo.employee, department: expect.any(String) }]);
    const byId = (await t.app.inject({ method: 'GET', url: `/api/v1/audit/people?q=${demo.employee}`, headers: auditor.headers })).json();
    expect(byId.items.map((person: { name: string }) => person.name)).toEqual(['张伟']);
    const looked = await listOf(t, auditor, 'action=audit.people_listed');
    expect(looked).toHaveLength(2);
  });
});
