// Starts DingOps the way production does (`node server/dist/main.js`, compiled once beforehand) in a
// child process, for the benches that measure the process from the outside. Loopback only.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerProcess {
  child: ChildProcess;
  startedAt: number;
  base: string;
  sandboxUrl: string;
}

/** As `npm start` does first: compiles the server unless server/dist matches the sources, and prepares the PGlite template. */
export function compileServer() {
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--if-changed'], { stdio: 'ignore' });
  execFileSync(process.execPath, ['server/dist/cli.js', 'pglite:template'], { stdio: 'ignore' });
}

export function startServer({ port, dataDir, env = {} }: { port: number; dataDir: string; env?: Record<string, string> }): ServerProcess {
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    env: { PATH: process.env.PATH, PORT: String(port), SANDBOX_PORT: String(port + 1), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, startedAt: performance.now(), base: `http://127.0.0.1:${port}`, sandboxUrl: `http://127.0.0.1:${port + 1}` };
}

/** Milliseconds from spawn to the first `/readyz` 200, and the CPU time the process used by then. */
export async function waitReady(server: ServerProcess, timeoutMs = 120_000): Promise<{ wallMs: number; cpuMs: number | null }> {
  while (performance.now() - server.startedAt < timeoutMs) {
    try {
      if ((await fetch(`${server.base}/readyz`)).status === 200) return { wallMs: performance.now() - server.startedAt, cpuMs: cpuTimeOf(server.child.pid) };
    } catch {
      // not listening yet
    }
    if (server.child.exitCode !== null) throw new Error(`the server exited with ${server.child.exitCode} before it was ready`);
    await sleep(20);
  }
  throw new Error('server did not become ready');
}

/** User + system CPU time of a process from /proc (Linux); null elsewhere. Unlike wall time it hardly depends on what else the machine runs. */
function cpuTimeOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export async function stopServer(server: ServerProcess) {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}
