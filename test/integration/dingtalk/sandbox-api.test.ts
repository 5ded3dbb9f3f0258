import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDepartmentIds, demoGroupIds, demoUserIds, type RunningSandbox } from '../../../server/src/sandbox';
import { startTestSandbox } from './sandbox-fixture';

// The sandbox's own JSON API, called over real HTTP as the micro-app (on another origin) calls it.

interface Person {
  userId: string;
  name: string;
  title: string;
  avatarUrl: string;
  mobile: string;
  departments: { id: number; name: string; isLeader: boolean }[];
}

describe('Sandbox JSON API', () => {
  let sandbox: RunningSandbox;
  let api: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    api = `${sandbox.url}/sandbox/api`;
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const postJson = (path: string, body: unknown) =>
    fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('lists the twenty demo people with departments and leader flags', async () => {
    const response = await fetch(`${api}/people`);
    const { people } = (await response.json()) as { people: Person[] };

    expect(response.status).toBe(200);
    expect(people).toHaveLength(20);
    expect(new Set(people.map((p) => p.userId)).size).toBe(20);
    expect(people.find((p) => p.userId === demoUserIds.wanglei)).toEqual({
      userId: 'yq-wanglei',
      name: '王磊',
      title: '信息部经理',
      avatarUrl: `${sandbox.url}/sandbox/avatars/yq-wanglei.svg`,
      mobile: expect.stringMatching(/^138\d{8}$/),
      departments: [{ id: demoDepartmentIds.it, name: '信息部', isLeader: true }],
    });
    expect(people.find((p) => p.userId === demoUserIds.zhangwei)?.departments).toEqual([{ id: demoDepartmentIds.sales, name: '销售部', isLeader: false }]);
  });

  it('serves an avatar image for each person', async () => {
    const response = await fetch(`${sandbox.url}/sandbox/avatars/yq-lina.svg`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    expect(await response.text()).toContain('李娜');
  });

  it('lists the root and its seven departments with their leaders', async () => {
    const { departments } = (await (await fetch(`${api}/departments`)).json()) as { departments: { id: number; name: string; parentId: number | null; leaderUserIds: string[] }[] };

    expect(departments).toHaveLength(8);
    expect(departments.find((d) => d.id === 1)).toMatchObject({ name: '云栖示范科技有限公司', parentId: null, leaderUserIds: ['yq-zhoujianguo'] });
    expect(departments.find((d) => d.id === demoDepartmentIds.finance)).toMatchObject({ name: '财务部', parentId: 1, leaderUserIds: ['yq-zhengfang'] });
    expect(departments.find((d) => d.id === demoDepartmentIds.audit)?.leaderUserIds).toEqual([]);
  });

  it('lists the four demo group chats with their members', async () => {
    const { groups } = (await (await fetch(`${api}/groups`)).json()) as { groups: { key: string; title: string; openConversationId: string; memberUserIds: string[] }[] };

    expect(groups.map((g) => g.title)).toEqual(['IT运维值班群', '信息安全群', '销售部群', '管理层群']);
    expect(groups.find((g) => g.key === 'it-oncall')).toMatchObject({ openConversationId: demoGroupIds['it-oncall'], memberUserIds: expect.arrayContaining(['yq-chengang', 'yq-lina']) });
  });

  it('issues a login code for a known person', async () => {
    const response = await postJson('/auth-codes', { userId: demoUserIds.zhangwei });

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ authCode: expect.stringMatching(/^[0-9a-f]{32}$/), expiresAt: expect.any(String) });
  });

  it('refuses a login code for an unknown person with a 404 problem', async () => {
    const response = await postJson('/auth-codes', { userId: 'yq-nobody' });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ type: expect.any(String), title: 'Not Found', status: 404, detail: expect.stringContaining('yq-nobody'), code: 'sandbox.user_not_found' });
  });

  it('refuses a body without userId with a 400 problem naming the field', async () => {
    const response = await postJson('/auth-codes', { user: 'yq-lina' });
    const problem = (await response.json()) as { status: number; code: string; detail: string; errors: { path: string }[] };

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(problem).toMatchObject({ status: 400, code: 'sandbox.invalid_request', detail: expect.stringContaining('userId') });
    expect(problem.errors.map((e) => e.path)).toEqual(['body.userId']);
  });

  it('refuses a body that is not JSON with a 400 problem', async () => {
    const response = await fetch(`${api}/auth-codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":' });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, code: 'sandbox.invalid_request' });
  });

  it('answers an unknown sandbox path with a 404 problem', async () => {
    const response = await fetch(`${api}/nothing`);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, code: 'sandbox.not_found' });
  });

  it('lets any origin call it, preflight included', async () => {
    const preflight = await fetch(`${api}/auth-codes`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    const simple = await fetch(`${api}/people`, { headers: { origin: 'http://localhost:5173' } });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(simple.headers.get('access-control-allow-origin')).toBe('*');
  });
});
