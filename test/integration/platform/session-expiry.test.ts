import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, testJwtSecret } from '../../support/test-app';
import { forgeToken } from '../../support/tokens';

describe('session tokens must expire', () => {
  it('S4: a correctly signed token without an expiry is refused with 401, while one with an expiry is accepted', async () => {
    const t = await buildTestApp();
    const { userId } = await t.loginAs(demo.employee);
    const nowSeconds = Math.floor(Date.now() / 1000);
    const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

    const forever = await me(forgeToken({ sub: userId, iat: nowSeconds }, testJwtSecret));
    expect(forever.statusCode).toBe(401);
    expect(problemOf(forever).code).toBe('auth.not_authenticated');
    expect((await me(forgeToken({ sub: userId, iat: nowSeconds, exp: nowSeconds + 600 }, testJwtSecret))).statusCode).toBe(200);
  });

  it('S4: a correctly signed token that names no user id is refused with 401, not a server error', async () => {
    const t = await buildTestApp();
    const nowSeconds = Math.floor(Date.now() / 1000);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${forgeToken({ sub: 'not-a-user-id', iat: nowSeconds, exp: nowSeconds + 600 }, testJwtSecret)}` } });
    expect(response.statusCode).toBe(401);
  });
});
