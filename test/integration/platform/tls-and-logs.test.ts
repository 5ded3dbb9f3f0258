import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type pino from 'pino';
import { describe, expect, it } from 'vitest';
import { overrideConfig } from '../../../server/src/config';
import { createLogger } from '../../../server/src/platform/logging/logger';
import { startDingOps } from '../../../server/src/runtime';
import { demo } from '../../support/demo-people';
import { testJwtSecret } from '../../support/test-app';
import { openTestDatabase } from '../../support/test-database';

const hasOpenssl = existsSync('/usr/bin/openssl');
const keys = `v1:${Buffer.alloc(32, 7).toString('base64')}`;

async function start(env: Record<string, string>, logger: pino.Logger | false = false) {
  const config = overrideConfig({ LOG_LEVEL: 'silent', SANDBOX_PORT: '0', JWT_SECRET: testJwtSecret, ENCRYPTION_KEYS: keys, ...env });
  return startDingOps({ config, logger, database: await openTestDatabase() });
}

describe('transport and logs', () => {
  it.skipIf(!hasOpenssl)('S3: given a certificate and key the server speaks HTTPS itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dingops-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const running = await start({ TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem') });
    try {
      await running.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = running.app.server.address() as { port: number };
      const body = await new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false }, (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve(text));
        })
          .on('error', reject)
          .end();
      });
      expect(JSON.parse(body)).toEqual({ status: 'ok' });
    } finally {
      await running.close();
    }
  });

  it('S4: request logs carry a request id and never the bearer token or the auth code', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger({ level: 'trace', pretty: false, destination: sink });
    const running = await start({}, logger);
    try {
      const code = await (await fetch(`${running.sandbox?.url}/sandbox/api/auth-codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: demo.employee }) })).json();
      const login = await running.app.inject({ method: 'POST', url: '/api/v1/auth/dingtalk', payload: { authCode: code.authCode }, headers: { 'x-request-id': 'req-log-1' } });
      const { token } = login.json();
      await running.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-log-2' } });
      const text = lines.join('');
      expect(text).toContain('req-log-1');
      expect(text).toContain('req-log-2');
      expect(text).not.toContain(token);
      expect(text).not.toContain(code.authCode);
    } finally {
      await running.close();
    }
  });
});
