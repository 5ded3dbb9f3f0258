import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Postgres cluster of the test's own, in a temp dir on a free port, that the test may stop and
 * restart (the shared server other tests use must never be). initdb refuses to run as root, so
 * initdb and pg_ctl run as the `postgres` user through runuser, in a dir that user owns.
 */
export interface PrivatePostgres {
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: every connection gets 57P01, then the server is down until it is up again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

const binDir = (): string | null => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((version) => existsSync(join(root, version, 'bin', 'initdb')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(root, newest, 'bin') : null;
};

/** Why this machine cannot run a private cluster, or null when it can. */
export function whyNoPrivatePostgres(): string | null {
  if (!binDir()) return 'no PostgreSQL server binaries (initdb) under /usr/lib/postgresql';
  if (process.getuid?.() !== 0) return 'not root, so initdb cannot be run as the postgres user (runuser)';
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'true'], { stdio: 'ignore' });
  } catch {
    return 'runuser -u postgres failed (no postgres user?)';
  }
  return null;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  if (!bin) throw new Error('no PostgreSQL server binaries');
  const dir = mkdtempSync(join(tmpdir(), 'dingops-fault-pg-'));
  chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const port = await freePort();
  // Not execFileSync: the test's load and the sandbox run in this process and must go on meanwhile.
  const asPostgres = async (command: string, args: string[]) => {
    await run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { timeout: 60_000 });
  };
  // fsync off: a throwaway cluster, and its shutdown checkpoint stays quick on a busy disk.
  const pgCtl = (action: string, extra: string[] = []) =>
    asPostgres('pg_ctl', ['-D', join(dir, 'db'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir, 'log'), '-w', '-t', '60', action, ...extra]);
  await asPostgres('initdb', ['-D', join(dir, 'db'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  await pgCtl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: () => pgCtl('restart', ['-m', 'fast']),
    stop: () => pgCtl('stop', ['-m', 'fast']),
    start: () => pgCtl('start'),
    async destroy() {
      await pgCtl('stop', ['-m', 'immediate']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const run = promisify(execFile);
const uidOf = (user: string) => Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
const gidOf = (user: string) => Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
