import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf } from '../../support/test-app';

/** Sends raw bytes and returns what the server wrote before it closed the connection. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.end(request);
  });
}

function parseRaw(raw: string) {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as { status: number; code: string; instance?: string } };
}

/** Answers Fastify and Node make before a route (and so the error handler) is chosen. */
// The first test in a worker also loads the app graph and the database snapshot.
describe('errors the framework makes', { timeout: 90_000 }, () => {
  it('P2: a path parameter over 100 characters is a 414 problem+json with the request id', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/sources/${'a'.repeat(101)}/rotate`, headers: { ...admin.headers, 'x-request-id': 'req-414' } });
    expect(response.statusCode).toBe(414);
    expect(problemOf(response)).toMatchObject({ status: 414, code: 'http.uri_too_long', instance: 'req-414' });
  });

  it('P2: a badly percent-encoded path parameter is a 400 problem+json', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/alerts/silences/%E0%A4%A', headers: admin.headers });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ status: 400, code: 'http.bad_url', instance: expect.any(String) });
  });

  it('P2: a wrong content type is a 415 and a body over 1 MB a 413, both problem+json', async () => {
    const t = await buildTestApp();
    const admin = await t.loginAs(demo.itLead);
    const xml = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...admin.headers, 'content-type': 'application/xml' }, payload: '<ticket/>' });
    expect(xml.statusCode).toBe(415);
    expect(problemOf(xml)).toMatchObject({ status: 415, code: 'http.unsupported_media_type' });
    const huge = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: admin.headers, payload: { title: 'x'.repeat(1_100_000) } });
    expect(huge.statusCode).toBe(413);
    expect(problemOf(huge)).toMatchObject({ status: 413, code: 'http.payload_too_large' });
  });

  it('P2: headers too large for the HTTP parser get a 431 problem+json, and malformed HTTP a 400 problem+json', async () => {
    const t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;

    const tooLarge = parseRaw(await rawExchange(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(tooLarge.status).toBe(431);
    expect(tooLarge.headers['content-type']).toBe('application/problem+json');
    expect(tooLarge.body).toMatchObject({ status: 431, code: 'http.headers_too_large' });

    const malformed = parseRaw(await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n'));
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toBe('application/problem+json');
    expect(malformed.body).toMatchObject({ status: 400, code: 'http.bad_request' });
  });
});
