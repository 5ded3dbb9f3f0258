import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSandboxApp, createSandboxState, demoDepartmentIds, demoUserIds, type SandboxState } from '../../../server/src/sandbox';
import type { OapiDepartmentDetail, OapiDepartmentSummary, OapiUserDetail, OapiUserListItem, OapiUserPage } from '../../../server/src/sandbox';
import { createTestClock, testApp } from './sandbox-fixture';

// The sandbox must answer with DingTalk's own paths and shapes (REFERENCE.md §0–2), so these tests
// speak raw HTTP to it, as any DingTalk client would.

describe('DingTalk sandbox wire formats', () => {
  let app: Awaited<ReturnType<typeof buildSandboxApp>>;
  let state: SandboxState;
  let clock: ReturnType<typeof createTestClock>;

  beforeEach(async () => {
    clock = createTestClock();
    state = createSandboxState({ app: testApp, now: clock.now });
    app = await buildSandboxApp({ state });
  });

  afterEach(async () => {
    await app.close();
  });

  async function token(): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/v1.0/oauth2/accessToken', payload: { appKey: testApp.clientId, appSecret: testApp.clientSecret } });
    return response.json<{ accessToken: string }>().accessToken;
  }

  async function topapi<TResult = unknown>(path: string, body: Record<string, unknown>, accessToken?: string) {
    const response = await app.inject({ method: 'POST', url: `${path}?access_token=${accessToken ?? (await token())}`, payload: body });
    expect(response.statusCode).toBe(200);
    return response.json<{ errcode: number; errmsg: string; request_id?: string; result: TResult }>();
  }

  describe('tokens', () => {
    it('the new token endpoint answers accessToken and expireIn', async () => {
      const response = await app.inject({ method: 'POST', url: '/v1.0/oauth2/accessToken', payload: { appKey: testApp.clientId, appSecret: testApp.clientSecret } });

      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ accessToken: expect.stringMatching(/^[0-9a-f]{32}$/), expireIn: 7200 });
    });

    it('the old gettoken shape returns the same token as the new endpoint while it is valid', async () => {
      const fromNew = await token();

      const response = await app.inject({ method: 'GET', url: `/gettoken?appkey=${testApp.clientId}&appsecret=${testApp.clientSecret}` });

      expect(response.json()).toEqual({ errcode: 0, errmsg: 'ok', access_token: fromNew, expires_in: 7200 });
    });

    it('gettoken with a wrong secret answers errcode 40089 with HTTP 200', async () => {
      const response = await app.inject({ method: 'GET', url: `/gettoken?appkey=${testApp.clientId}&appsecret=wrong` });

      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ errcode: 40089, errmsg: expect.any(String) });
    });

    it('a wrong app key answers HTTP 400 with code, message and requestid', async () => {
      const response = await app.inject({ method: 'POST', url: '/v1.0/oauth2/accessToken', payload: { appKey: 'dingunknown', appSecret: 'x' } });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ code: 'invalidClientId', message: expect.any(String), requestid: expect.stringMatching(/^[a-z0-9]{12}$/) });
    });

    it('the token endpoint refuses a form body, as DingTalk reads only JSON there', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1.0/oauth2/accessToken',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `appKey=${testApp.clientId}&appSecret=${testApp.clientSecret}`,
      });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'Missingbody' });
    });

    it('a token expires after 7200 seconds and a new one is issued', async () => {
      const first = await token();
      clock.advance(7200 * 1000);

      const lapsed = await topapi('/topapi/v2/department/get', { dept_id: 1 }, first);
      const second = await token();

      expect(lapsed).toMatchObject({ errcode: 40014 });
      expect(second).not.toBe(first);
    });

    it('a topapi call with an unknown access token answers errcode 40014', async () => {
      expect(await topapi('/topapi/v2/user/get', { userid: demoUserIds.lina }, 'not-a-token')).toMatchObject({ errcode: 40014, errmsg: '不合法的access_token' });
    });

    it('a v1.0 call with an unknown token answers HTTP 400 InvalidAuthentication', async () => {
      const response = await app.inject({ method: 'POST', url: '/v1.0/robot/oToMessages/batchSend', headers: { 'x-acs-dingtalk-access-token': 'nope' }, payload: {} });

      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'InvalidAuthentication', requestid: expect.any(String) });
    });
  });

  describe('users', () => {
    it('user/get answers every field of DingTalk\'s result', async () => {
      const body = await topapi<OapiUserDetail>('/topapi/v2/user/get', { userid: demoUserIds.wanglei, language: 'zh_CN' });

      expect(body).toMatchObject({ errcode: 0, errmsg: 'ok', request_id: expect.any(String) });
      expect(Object.keys(body.result)).toEqual(
        expect.arrayContaining(['userid', 'unionid', 'name', 'avatar', 'state_code', 'manager_userid', 'mobile', 'hide_mobile', 'telephone', 'job_number', 'title', 'email', 'org_email', 'work_place', 'remark', 'dept_id_list', 'dept_order_list', 'leader_in_dept', 'extension', 'hired_date', 'active', 'real_authed', 'senior', 'admin', 'boss', 'exclusive_account']),
      );
      expect(body.result).toMatchObject({ dept_id_list: [demoDepartmentIds.it], leader_in_dept: [{ dept_id: demoDepartmentIds.it, leader: true }], manager_userid: demoUserIds.zhoujianguo, admin: true });
    });

    it('an unknown user answers errcode 60121 with HTTP 200', async () => {
      expect(await topapi('/topapi/v2/user/get', { userid: 'yq-nobody' })).toMatchObject({ errcode: 60121 });
    });

    it('a missing parameter answers errcode 40035 naming the field', async () => {
      expect(await topapi('/topapi/v2/user/get', {})).toMatchObject({ errcode: 40035, errmsg: expect.stringContaining('userid') });
    });

    it('topapi accepts form-urlencoded bodies as the TOP SDKs send them', async () => {
      const accessToken = await token();
      const response = await app.inject({
        method: 'POST',
        url: `/topapi/v2/user/get?access_token=${accessToken}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `userid=${demoUserIds.heming}&language=zh_CN`,
      });

      expect(response.json()).toMatchObject({ errcode: 0, result: { name: '何明', leader_in_dept: [{ dept_id: demoDepartmentIds.rnd, leader: true }] } });
    });

    it('member lists give ids, then pages of names, then pages of full profiles', async () => {
      const accessToken = await token();
      const sales = demoDepartmentIds.sales;

      const ids = await topapi<{ userid_list: string[] }>('/topapi/user/listid', { dept_id: sales }, accessToken);
      const firstPage = await topapi<OapiUserPage<{ userid: string; name: string }>>('/topapi/user/listsimple', { dept_id: sales, cursor: 0, size: 3 }, accessToken);
      const lastPage = await topapi<OapiUserPage<{ userid: string; name: string }>>('/topapi/user/listsimple', { dept_id: sales, cursor: 3, size: 3 }, accessToken);
      const full = await topapi<OapiUserPage<OapiUserListItem>>('/topapi/v2/user/list', { dept_id: sales, cursor: 0, size: 100 }, accessToken);

      expect(ids.result.userid_list).toEqual(['yq-liuyang', 'yq-zhangwei', 'yq-huangli', 'yq-wuqiang']);
      expect(firstPage.result).toEqual({ has_more: true, next_cursor: 3, list: [{ userid: 'yq-liuyang', name: '刘洋' }, { userid: 'yq-zhangwei', name: '张伟' }, { userid: 'yq-huangli', name: '黄丽' }] });
      expect(lastPage.result).toEqual({ has_more: false, list: [{ userid: 'yq-wuqiang', name: '吴强' }] });
      expect(full.result.has_more).toBe(false);
      expect(full.result.list.map((user) => [user.userid, user.leader])).toEqual([
        ['yq-liuyang', true],
        ['yq-zhangwei', false],
        ['yq-huangli', false],
        ['yq-wuqiang', false],
      ]);
    });
  });

  describe('departments', () => {
    it('the root has the seven demo departments as direct children', async () => {
      const accessToken = await token();

      const ids = await topapi<{ dept_id_list: number[] }>('/topapi/v2/department/listsubid', { dept_id: 1 }, accessToken);
      const subs = await topapi<OapiDepartmentSummary[]>('/topapi/v2/department/listsub', { dept_id: 1 }, accessToken);

      expect(ids.result.dept_id_list).toHaveLength(7);
      expect(subs.result.map((d) => d.name)).toEqual(['总经办', '信息部', '审计部', '销售部', '财务部', '研发部', '人力资源部']);
      expect(subs.result[0]).toMatchObject({ dept_id: demoDepartmentIds.executive, parent_id: 1, create_dept_group: true, auto_add_user: true });
    });

    it('department/get names the leaders and the department group', async () => {
      const body = await topapi<OapiDepartmentDetail>('/topapi/v2/department/get', { dept_id: demoDepartmentIds.sales });

      expect(body.result).toMatchObject({ dept_id: demoDepartmentIds.sales, name: '销售部', parent_id: 1, dept_manager_userid_list: ['yq-liuyang'], dept_group_chat_id: expect.stringMatching(/^cid.+==$/) });
    });

    it('an unknown department answers errcode 60003', async () => {
      expect(await topapi('/topapi/v2/department/get', { dept_id: 42 })).toMatchObject({ errcode: 60003 });
    });
  });

  it('counts every request it receives by method and path', async () => {
    await token();
    await token();

    expect(state.requests.count('POST', '/v1.0/oauth2/accessToken')).toBe(2);
    expect(state.requests.recent().at(-1)).toMatchObject({ method: 'POST', path: '/v1.0/oauth2/accessToken' });
  });

  it('an unknown oapi path answers errcode 404', async () => {
    const response = await app.inject({ method: 'POST', url: '/topapi/nothing/here', payload: {} });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ errcode: 404 });
  });
});
