import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, testJwtSecret } from '../../support/test-app';
import { forgeToken } from '../../support/tokens';

describe('POST /api/v1/auth/dingtalk and GET /api/v1/me', () => {
  it('S4: a sandbox employee logs in through the auth-code exchange and sees their profile and roles', async () => {
    const t = await buildTestApp();
    const code = await t.authCodeFor(demo.employee);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: code } });
    expect(login.statusCode).toBe(200);
    const session = login.json();
    expect(session).toMatchObject({ tokenType: 'Bearer', user: { name: '张伟', roles: ['employee'], isManager: false, dingtalkUserId: demo.employee } });
    expect(new Date(session.expiresAt).getTime()).toBe(t.clock.now().getTime() + 7200 * 1000);
    expect(session.user.departments).toEqual([expect.objectContaining({ name: '销售部', isLeader: false })]);

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${session.token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: '张伟', lastLoginAt: t.clock.now().toISOString() });
  });

  it('S2: a department leader is a manager, and the demo IT lead, IT staff and auditor get their seeded roles', async () => {
    const t = await buildTestApp();
    const roles = async (userId: string) => (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: (await t.loginAs(userId)).headers })).json().roles;
    expect(await roles(demo.salesManager)).toEqual(['employee', 'manager']);
    expect(await roles(demo.itLead)).toEqual(['employee', 'it_admin', 'manager']);
    expect(await roles(demo.itStaff)).toEqual(['employee', 'it_staff']);
    expect(await roles(demo.auditor)).toEqual(['employee', 'auditor']);
  });

  it('S4: an auth code works once; the replay is refused with 401 and both attempts are in the audit log', async () => {
    const t = await buildTestApp();
    const code = await t.authCodeFor(demo.employee);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: code } })).statusCode).toBe(200);
    const replay = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: code } });
    expect(replay.statusCode).toBe(401);
    expect(problemOf(replay)).toMatchObject({ code: 'auth.invalid_auth_code', status: 401 });

    const admin = await t.loginAs(demo.itLead);
    const trail = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=auth.login', headers: admin.headers })).json();
    const results = trail.items.map((item: { result: string; summary: { reason?: string } }) => [item.result, item.summary.reason ?? null]);
    expect(results).toContainEqual(['failure', 'invalid_auth_code']);
    expect(results.filter(([result]: [string]) => result === 'success')).toHaveLength(2);
  });

  it('a missing or blank auth code is a 400 that names body.authCode', async () => {
    const t = await buildTestApp();
    for (const payload of [{}, { authCode: '   ' }]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).errors?.[0]?.path).toBe('body.authCode');
    }
  });

  it('no token, a forged token and an expired token all get 401 problem+json', async () => {
    const t = await buildTestApp();
    const { userId } = await t.loginAs(demo.employee);
    const nowSeconds = Math.floor(Date.now() / 1000);
    const cases = {
      none: undefined,
      garbage: 'Bearer not-a-jwt',
      forged: `Bearer ${forgeToken({ sub: userId, iat: nowSeconds, exp: nowSeconds + 600 }, 'another-secret-another-secret-another-secret')}`,
      expired: `Bearer ${forgeToken({ sub: userId, iat: nowSeconds - 7300, exp: nowSeconds - 100 }, testJwtSecret)}`,
    };
    for (const [name, authorization] of Object.entries(cases)) {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: authorization ? { authorization } : {} });
      expect(response.statusCode, name).toBe(401);
      expect(problemOf(response).code).toBe('auth.not_authenticated');
    }
    const expired = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: cases.expired } });
    expect(problemOf(expired).detail).toMatch(/expired/);
  });

  it('S2: a suspended person cannot log in and their existing token stops working at once', async () => {
    const t = await buildTestApp();
    const session = await t.loginAs(demo.salesRep);
    await t.database.db.execute(`UPDATE users SET status = 'suspended' WHERE dingtalk_user_id = '${demo.salesRep}'` as never);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers })).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: await t.authCodeFor(demo.salesRep) } });
    expect(again.statusCode).toBe(403);
    expect(problemOf(again).code).toBe('auth.account_suspended');
  });

  it('the login route is rate limited per client', async () => {
    const t = await buildTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: `bogus-${i}` } })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('GET /api/v1/config tells the micro-app it runs against the sandbox and where the picker API is', async () => {
    const t = await buildTestApp();
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/config' });
    expect(response.json()).toEqual({
      mode: 'sandbox',
      corpId: t.config.dingtalk.corpId,
      clientId: t.config.dingtalk.clientId,
      agentId: t.config.dingtalk.agentId,
      sandboxApiUrl: `${t.sandboxUrl}/sandbox/api`,
    });
  });

  it('S2: before any login the picker learns each demo person’s grants; leadership and status once DingOps has met them', async () => {
    const t = await buildTestApp();
    const access = async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sandbox-access' });
      expect(response.statusCode).toBe(200);
      return new Map((response.json().people as { dingtalkUserId: string }[]).map((person) => [person.dingtalkUserId, person]));
    };

    const before = await access();
    // The demo seeds (on-call rota, knowledge articles) already met some people; the auditor not.
    expect(before.get(demo.itLead)).toMatchObject({ granted: ['it_admin'] });
    expect(before.get(demo.itStaff)).toMatchObject({ granted: ['it_staff'] });
    expect(before.get(demo.auditor)).toEqual({ dingtalkUserId: demo.auditor, granted: ['auditor'], isDepartmentLeader: null, status: null });
    expect(before.has(demo.salesManager)).toBe(false);

    const admin = await t.loginAs(demo.itLead);
    await t.loginAs(demo.salesManager);
    const zhang = await t.loginAs(demo.employee);
    await t.app.inject({ method: 'POST', url: `/api/v1/users/${zhang.userId}/suspend`, headers: admin.headers, payload: { reason: '演示' } });

    const after = await access();
    expect(after.get(demo.salesManager)).toEqual({ dingtalkUserId: demo.salesManager, granted: [], isDepartmentLeader: true, status: 'active' });
    expect(after.get(demo.itLead)).toEqual({ dingtalkUserId: demo.itLead, granted: ['it_admin'], isDepartmentLeader: true, status: 'active' });
    expect(after.get(demo.employee)).toMatchObject({ granted: [], isDepartmentLeader: false, status: 'suspended' });
  });

  it('S4: with live DingTalk there is no picker, and no access list for anyone who is not logged in', async () => {
    const t = await buildTestApp({ DINGTALK_CLIENT_ID: 'dingliveappkey', DINGTALK_CLIENT_SECRET: 'live-secret', DINGTALK_CORP_ID: 'dingcorp', DINGTALK_AGENT_ID: '1', DINGTALK_EVENT_TRANSPORT: 'http', DINGTALK_CALLBACK_TOKEN: 'token', DINGTALK_CALLBACK_AES_KEY: 'a'.repeat(43) });
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sandbox-access' });
    expect(response.statusCode).toBe(404);
  });

  it('S3: the mobile number from DingTalk is stored encrypted, never in clear text', async () => {
    const t = await buildTestApp();
    await t.loginAs(demo.employee);
    const result = await t.database.db.execute(`SELECT mobile_encrypted FROM users WHERE dingtalk_user_id = '${demo.employee}'` as never);
    const stored = (result.rows[0] as { mobile_encrypted: string }).mobile_encrypted;
    expect(stored).toMatch(/^enc:1:a1:/);
    expect(stored).not.toMatch(/\d{11}/);
  });
});
