import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDingTalkClient } from '../../../server/src/dingtalk/client';
import { DingTalkError } from '../../../server/src/dingtalk/errors';
import { failureOf, startTestSandbox, testApp } from './sandbox-fixture';

// Answers DingTalk gives rarely (throttling, outages, hangs) from a bare HTTP stub, since the
// sandbox does not inject faults yet.

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const issueToken: Handler = (_request, response) => json(response, 200, { accessToken: 'a'.repeat(32), expireIn: 7200 });

describe('DingTalk client failure handling', () => {
  let stub: Server | undefined;

  afterEach(async () => {
    stub?.closeAllConnections();
    await new Promise((resolve) => (stub ? stub.close(resolve) : resolve(undefined)));
    stub = undefined;
  });

  /** A stub DingTalk: the token endpoint uses `token`, every topapi call uses `topapi`. */
  async function clientAgainst({ token = issueToken, topapi }: { token?: Handler; topapi?: Handler }, timeoutMs = 2000) {
    stub = createServer((request, response) => {
      request.resume();
      request.on('end', () => (request.url?.startsWith('/v1.0/') ? token : (topapi ?? issueToken))(request, response));
    });
    await new Promise<void>((resolve) => stub!.listen(0, '127.0.0.1', resolve));
    const { port } = stub.address() as AddressInfo;
    return createDingTalkClient({ ...testApp, apiEndpoint: `127.0.0.1:${port}`, apiProtocol: 'http', oapiBaseUrl: `http://127.0.0.1:${port}`, timeoutMs });
  }

  it.each([
    { errcode: 90002, reason: 'throttled', retryable: true },
    { errcode: 143103, reason: 'throttled', retryable: true },
    { errcode: -1, reason: 'throttled', retryable: true },
    { errcode: 88, sub_code: '60011', reason: 'auth', retryable: false },
    { errcode: 40035, reason: 'bad_request', retryable: false },
    { errcode: 71006, reason: 'unknown', retryable: false },
  ])('errcode $errcode with HTTP 200 fails as $reason (retryable: $retryable)', async ({ errcode, sub_code, reason, retryable }) => {
    const client = await clientAgainst({ topapi: (_request, response) => json(response, 200, { errcode, errmsg: 'refused', sub_code }) });

    const error = await failureOf(() => client.getDepartment(1));

    expect(error).toBeInstanceOf(DingTalkError);
    expect(error).toMatchObject({ code: String(errcode), reason, retryable, httpStatus: 200 });
  });

  it.each([
    { status: 503, body: { code: 'ServiceUnavailable', message: 'busy' }, reason: 'unavailable', retryable: true },
    { status: 429, body: { code: 'TooManyRequests', message: 'slow down' }, reason: 'throttled', retryable: true },
    { status: 403, body: { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: 'qps' }, reason: 'throttled', retryable: true },
    { status: 403, body: { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: 'no scope' }, reason: 'auth', retryable: false },
    { status: 400, body: { code: 'invalidParameter.userIds.overMax', message: 'too many' }, reason: 'bad_request', retryable: false },
  ])('a token answer of HTTP $status $body.code fails as $reason', async ({ status, body, reason, retryable }) => {
    const client = await clientAgainst({ token: (_request, response) => json(response, status, { ...body, requestid: 'req1' }) });

    const error = await failureOf(() => client.getAccessToken());

    expect(error).toMatchObject({ code: body.code, httpStatus: status, reason, retryable, requestId: 'req1' });
  });

  it('an HTML error page from a proxy fails as retryable unavailable', async () => {
    const client = await clientAgainst({ topapi: (_request, response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>') });

    const error = await failureOf(() => client.getUserProfile('yq-lina'));

    expect(error).toMatchObject({ httpStatus: 502, reason: 'unavailable', retryable: true });
  });

  it('a topapi call that outlives the timeout fails as retryable unavailable', async () => {
    const client = await clientAgainst({ topapi: () => undefined }, 300);

    const error = await failureOf(() => client.getUserProfile('yq-lina'));

    expect(error).toMatchObject({ code: 'timeout', reason: 'unavailable', retryable: true, httpStatus: null });
  });

  it('a token request that outlives the timeout fails as retryable unavailable', async () => {
    const client = await clientAgainst({ token: () => undefined }, 300);

    const error = await failureOf(() => client.getAccessToken());

    expect(error).toMatchObject({ reason: 'unavailable', retryable: true, httpStatus: null });
  });

  it('an unreachable DingTalk fails as retryable unavailable', async () => {
    const sandbox = await startTestSandbox();
    const { port, url } = sandbox;
    await sandbox.close();
    const client = createDingTalkClient({ ...testApp, apiEndpoint: `127.0.0.1:${port}`, apiProtocol: 'http', oapiBaseUrl: url, timeoutMs: 2000 });

    const error = await failureOf(() => client.getAccessToken());

    expect(error).toMatchObject({ code: 'ECONNREFUSED', reason: 'unavailable', retryable: true });
  });

  it('a success answer missing its result fails as unknown', async () => {
    const client = await clientAgainst({ topapi: (_request, response) => json(response, 200, { errcode: 0, errmsg: 'ok' }) });

    const error = await failureOf(() => client.getDepartment(1));

    expect(error).toMatchObject({ code: 'invalid_response', reason: 'unknown', retryable: false });
  });
});
