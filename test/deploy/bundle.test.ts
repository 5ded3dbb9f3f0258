import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliDecompressSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { startSandbox, type RunningSandbox } from '../../server/src/sandbox';
import { demo } from '../support/demo-people';
import { freePort, waitForReady } from './processes';

// The production bundle (scripts/build-bundle.mjs: what the Dockerfile's runtime stage holds)
// started with plain `node`, as a container would, with production settings: NODE_ENV=production,
// its own JWT_SECRET and ENCRYPTION_KEYS, no DATA_DIR secrets. On Postgres (TEST_DATABASE_URL) two
// replicas share one schema, as compose.yaml runs them; without it one replica on embedded PGlite.
// DingTalk is a sandbox this test starts (DINGTALK_SANDBOX_URL), so nothing leaves this machine.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const databaseUrl = process.env.TEST_DATABASE_URL || null;
const schema = `t_deploy_${randomBytes(5).toString('hex')}`;
const jwtSecret = randomBytes(32).toString('hex');
const encryptionKeys = `v1:${randomBytes(32).toString('base64')}`;

let work = '';
let bundle = '';
let sandbox: RunningSandbox | null = null;
const replicas: { child: ChildProcess; base: string; stderr: string[] }[] = [];

function startReplica(port: number, dataDir: string) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    JWT_SECRET: jwtSecret,
    ENCRYPTION_KEYS: encryptionKeys,
    DINGTALK_SANDBOX_URL: sandbox!.url,
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema } : {}),
  };
  // Plain node on the compiled entry point: no loader, no TypeScript.
  const child = spawn(process.execPath, ['server/dist/main.js'], { cwd: bundle, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const replica = { child, base: `http://127.0.0.1:${port}`, stderr };
  replicas.push(replica);
  return replica;
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'dingops-deploy-'));
  bundle = join(work, 'bundle');
  await run(process.execPath, ['scripts/build-bundle.mjs', bundle], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  const { clientId, clientSecret, corpId, agentId } = loadConfig({}).dingtalk;
  sandbox = await startSandbox({ host: '127.0.0.1', port: 0, clientId, clientSecret, corpId, agentId });
}, 240_000);

afterAll(async () => {
  await Promise.all(replicas.map(({ child }) => stop(child)));
  await sandbox?.close();
  if (databaseUrl) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
  rmSync(work, { recursive: true, force: true });
});

describe(`the production bundle, started with plain node (${databaseUrl ? 'Postgres, two replicas' : 'PGlite'})`, () => {
  it('P2: holds the compiled server, migrations, the built micro-app and production dependencies only — no TypeScript, no dev tools', () => {
    for (const present of ['server/dist/main.js', 'server/dist/cli.js', 'migrations/meta/_journal.json', 'miniapp/dist/index.html', 'server/node_modules/fastify', 'server/node_modules/@electric-sql/pglite']) {
      expect(existsSync(join(bundle, present)), present).toBe(true);
    }
    for (const absent of ['server/src', 'server/node_modules/tsx', 'server/node_modules/typescript', 'server/node_modules/vitest', 'server/node_modules/esbuild', 'server/node_modules/pino-pretty']) {
      expect(existsSync(join(bundle, absent)), absent).toBe(false);
    }
  });

  it('P2: each replica answers /readyz 200 with every migration applied, serves the micro-app compressed, and a session from one works on the other', async () => {
    const count = databaseUrl ? 2 : 1;
    const started = [];
    for (let index = 0; index < count; index += 1) started.push(startReplica(await freePort(), join(work, `data-${index}`)));
    // Side by side, as compose starts them: the migrations lock lets one migrate while the other waits.
    // On PGlite the bundle has no prepared template: its first start runs initdb.
    for (const replica of started) {
      const ready = await waitForReady(replica.base, replica.child, 150_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${replica.stderr.join('')}`);
      });
      expect(ready).toMatchObject({ status: 'ready', database: databaseUrl ? 'postgres' : 'pglite' });
      expect(ready.migrations.applied).toBe(ready.migrations.expected);
    }

    const first = started[0]!;
    const page = await fetch(`${first.base}/`, { headers: { 'accept-encoding': 'br' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    // Raw bytes: fetch would undo the compression and hide what went over the wire.
    const asset = await rawGet(`${first.base}${script}`, { 'accept-encoding': 'br' });
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(asset.body).toString()).toBe(readFileSync(join(bundle, 'miniapp', 'dist', script!.slice(1)), 'utf8'));

    // The DingTalk SDK loads from the bundle's own node_modules for the login's token exchange.
    const code = await fetch(`${sandbox!.url}/sandbox/api/auth-codes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: demo.employee }) });
    const { authCode } = (await code.json()) as { authCode: string };
    const login = await fetch(`${first.base}/api/v1/auth/dingtalk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ authCode }) });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const last = started[started.length - 1]!;
    const me = await fetch(`${last.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { name: string }).name).toBe('张伟');
  });

  it('P2: SIGTERM stops each replica cleanly (exit 0) and frees its port', async () => {
    expect(replicas.length).toBeGreaterThan(0);
    for (const replica of replicas) {
      expect(await stop(replica.child)).toBe(0);
      await expect(fetch(`${replica.base}/healthz`)).rejects.toThrow();
    }
  });
});

async function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}
