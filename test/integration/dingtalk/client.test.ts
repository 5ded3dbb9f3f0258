import { afterEach, describe, expect, it } from 'vitest';
import { DingTalkError } from '../../../server/src/dingtalk/errors';
import { demoDepartmentIds, demoUserIds, type RunningSandbox } from '../../../server/src/sandbox';
import { clientFor, createTestClock, failureOf, issueAuthCode, startTestSandbox, testApp } from './sandbox-fixture';

const tokenPath = '/v1.0/oauth2/accessToken';

describe('DingTalk client against the sandbox', () => {
  let sandbox: RunningSandbox | undefined;

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  describe('access token', () => {
    it('ten concurrent token requests make one call to DingTalk and share its token', async () => {
      sandbox = await startTestSandbox();
      const client = clientFor(sandbox);

      const tokens = await Promise.all(Array.from({ length: 10 }, () => client.getAccessToken()));

      expect(new Set(tokens).size).toBe(1);
      expect(tokens[0]).toMatch(/^[0-9a-f]{32}$/);
      expect(sandbox.state.requests.count('POST', tokenPath)).toBe(1);
    });

    it('a cached token is reused until five minutes before expiry, then fetched again', async () => {
      const clock = createTestClock();
      sandbox = await startTestSandbox({ now: clock.now });
      const client = clientFor(sandbox, { now: clock.now });

      const first = await client.getAccessToken();
      clock.advance((7200 - 301) * 1000);
      expect(await client.getAccessToken()).toBe(first);
      expect(sandbox.state.requests.count('POST', tokenPath)).toBe(1);

      clock.advance(2000);
      // Inside its validity window DingTalk hands back the same token with a fresh lifetime.
      expect(await client.getAccessToken()).toBe(first);
      expect(sandbox.state.requests.count('POST', tokenPath)).toBe(2);
    });

    it('a token DingTalk no longer accepts is replaced once and the call succeeds', async () => {
      sandbox = await startTestSandbox();
      const client = clientFor(sandbox);
      const stale = await client.getAccessToken();
      sandbox.state.tokens.revokeAll();

      const profile = await client.getUserProfile(demoUserIds.lina);

      expect(profile.name).toBe('李娜');
      expect(await client.getAccessToken()).not.toBe(stale);
      expect(sandbox.state.requests.count('POST', tokenPath)).toBe(2);
      expect(sandbox.state.requests.count('POST', '/topapi/v2/user/get')).toBe(2);
    });

    it('a wrong client secret fails as a permanent auth error', async () => {
      sandbox = await startTestSandbox();
      const client = clientFor(sandbox, { clientSecret: 'not-the-secret' });

      const error = await failureOf(() => client.getAccessToken());

      expect(error).toBeInstanceOf(DingTalkError);
      expect(error).toMatchObject({ reason: 'auth', retryable: false, httpStatus: 400, code: 'invalidClientSecret' });
    });

    it('after a failed token fetch the next call tries again', async () => {
      sandbox = await startTestSandbox();
      sandbox.state.app.clientSecret = 'rotated';
      const client = clientFor(sandbox);
      await failureOf(() => client.getAccessToken());

      sandbox.state.app.clientSecret = testApp.clientSecret;

      expect(await client.getAccessToken()).toMatch(/^[0-9a-f]{32}$/);
    });
  });

  describe('login', () => {
    it('an auth code resolves to the person it was issued to', async () => {
      sandbox = await startTestSandbox();
      const client = clientFor(sandbox);
      const code = await issueAuthCode(sandbox, demoUserIds.wanglei);

      const identity = await client.getIdentityByAuthCode(code);

      expect(identity).toEqual({ userId: 'yq-wanglei', unionId: expect.stringMatching(/iE$/), name: '王磊', isAdmin: true });
    });

    it('an auth code works only once', async () => {
      sandbox = await startTestSandbox();
      const client = clientFor(sandbox);
      const code = await issueAuthCode(sandbox, demoUserIds.zhangwei);
      await client.getIdentityByAuthCode(code);

      const error = await failureOf(() => client.getIdentityByAuthCode(code));

      expect(error).toBeInstanceOf(DingTalkError);
      expect(error).toMatchObject({ reason: 'invalid_auth_code', code: '40078', retryable: false });
    });

    it('an unknown auth code is refused as invalid_auth_code', async () => {
      sandbox = await startTestSandbox();

      const error = await failureOf(() => clientFor(sandbox!).getIdentityByAuthCode('never-issued'));

      expect(error).toMatchObject({ reason: 'invalid_auth_code', code: '40078' });
    });

    it('an auth code older than five minutes is refused', async () => {
      const clock = createTestClock();
      sandbox = await startTestSandbox({ now: clock.now });
      const client = clientFor(sandbox, { now: clock.now });
      const code = await issueAuthCode(sandbox, demoUserIds.zhangwei);

      clock.advance(5 * 60 * 1000 + 1);

      expect(await failureOf(() => client.getIdentityByAuthCode(code))).toMatchObject({ reason: 'invalid_auth_code' });
    });
  });

  describe('org directory', () => {
    it('a profile carries departments, leader flags and the manager', async () => {
      sandbox = await startTestSandbox();
      const client = clientFor(sandbox);

      const [lead, member] = await Promise.all([client.getUserProfile(demoUserIds.wanglei), client.getUserProfile(demoUserIds.lina)]);

      expect(lead).toMatchObject({
        userId: 'yq-wanglei',
        name: '王磊',
        title: '信息部经理',
        mobile: expect.stringMatching(/^1380000\d{4}$/),
        email: 'wanglei@yunqi.example',
        jobNumber: expect.stringMatching(/^YQ\d{4}$/),
        departmentIds: [demoDepartmentIds.it],
        leaderInDepartmentIds: [demoDepartmentIds.it],
        managerUserId: demoUserIds.zhoujianguo,
        active: true,
      });
      expect(lead.avatarUrl).toBe(`${sandbox.url}/sandbox/avatars/yq-wanglei.svg`);
      expect(member).toMatchObject({ departmentIds: [demoDepartmentIds.it], leaderInDepartmentIds: [], managerUserId: demoUserIds.wanglei });
    });

    it('the CEO leads the company and reports to no one', async () => {
      sandbox = await startTestSandbox();

      const ceo = await clientFor(sandbox).getUserProfile(demoUserIds.zhoujianguo);

      expect(ceo.leaderInDepartmentIds).toEqual([demoDepartmentIds.root, demoDepartmentIds.executive]);
      expect(ceo.managerUserId).toBeNull();
    });

    it('an unknown user is an error although DingTalk answers it with HTTP 200', async () => {
      sandbox = await startTestSandbox();

      const error = await failureOf(() => clientFor(sandbox!).getUserProfile('yq-nobody'));

      expect(error).toBeInstanceOf(DingTalkError);
      expect(error).toMatchObject({ reason: 'user_not_found', code: '60121', httpStatus: 200, retryable: false });
    });

    it('a department is read with its parent, and the root has none', async () => {
      sandbox = await startTestSandbox();
      const client = clientFor(sandbox);

      expect(await client.getDepartment(demoDepartmentIds.sales)).toEqual({ id: demoDepartmentIds.sales, name: '销售部', parentId: 1 });
      expect(await client.getDepartment(1)).toEqual({ id: 1, name: '云栖示范科技有限公司', parentId: null });
    });

    it('an unknown department is a permanent bad_request', async () => {
      sandbox = await startTestSandbox();

      const error = await failureOf(() => clientFor(sandbox!).getDepartment(999));

      expect(error).toMatchObject({ reason: 'bad_request', code: '60003', retryable: false });
    });
  });
});
