import { describe, expect, it } from 'vitest';
import { buildTestApp, problemOf } from '../../support/test-app';
import { testDatabaseKind } from '../../support/test-database';

describe('HTTP basics', () => {
  it('/healthz answers while the process runs and /readyz once the database is migrated', async () => {
    const t = await buildTestApp();
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: testDatabaseKind, migrations: { expected: expect.any(Number) } });
    expect(ready.json().migrations.applied).toBe(ready.json().migrations.expected);
  });

  it('an unknown /api path is a problem+json 404 carrying the request id', async () => {
    const t = await buildTestApp();
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'x-request-id': 'req-abc' } });
    expect(response.statusCode).toBe(404);
    expect(problemOf(response)).toMatchObject({ status: 404, code: 'http.not_found', instance: 'req-abc' });
  });

  it('a malformed JSON body is a 400 problem+json, not a stack trace', async () => {
    const t = await buildTestApp();
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', headers: { 'content-type': 'application/json' }, payload: '{"authCode":' });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).code).toBe('http.bad_request');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('security headers are set on every answer', async () => {
    const t = await buildTestApp();
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(response.headers['content-security-policy'])).toContain(`frame-ancestors 'self' ${t.sandboxUrl}`);
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('the OpenAPI document lists the API routes with their schemas', async () => {
    const t = await buildTestApp();
    const document = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/dingtalk', '/api/v1/me', '/api/v1/audit', '/api/v1/audit/verify', '/api/v1/users/{userId}/roles']));
    expect(document.paths['/api/v1/auth/dingtalk'].post.requestBody.content['application/json'].schema.properties.authCode).toBeDefined();
  });
});
