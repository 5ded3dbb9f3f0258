import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, isListening, processesWithEnv, waitForReady } from './processes';

// `npm start` is a chain: npm → its shell → scripts/start.mjs → node server/dist/main.js. A process
// supervisor (or Ctrl-C) signals the top of it; the server must get the signal, shut down cleanly,
// and every process of the chain must be gone.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const marker = 'DINGOPS_START_TEST';
const started: { child: ChildProcess; dataDir: string; id: string }[] = [];

async function npmStart() {
  const port = await freePort();
  const sandboxPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dingops-start-'));
  const id = randomUUID();
  // A clean environment, as a supervisor would give: no variables from the npm or pnpm running this test.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), SANDBOX_PORT: String(sandboxPort), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', [marker]: id };
  // detached: its own process group, as a terminal's foreground job is (Ctrl-C signals the whole group).
  const child = spawn('npm', ['start'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  started.push({ child, dataDir, id });
  // The first start in a fresh clone installs, builds the micro-app and prepares the PGlite template (an initdb) first.
  await waitForReady(`http://127.0.0.1:${port}`, child, 240_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${output.join('').slice(-4000)}`);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, port, id, exited, output };
}

/** Waits until no process of this start is left, up to `timeoutMs`; returns those still there. */
async function leftovers(id: string, timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let left = processesWithEnv(marker, id);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100);
    left = processesWithEnv(marker, id);
  }
  return left;
}

afterEach(() => {
  // A failed assertion must not leave a server running: end what this test started, by process id.
  for (const { dataDir, id } of started.splice(0)) {
    for (const pid of processesWithEnv(marker, id)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('stopping npm start', () => {
  it('P2: SIGTERM to npm (a supervisor stopping the service) reaches the server, which shuts down; npm exits and no process of the chain is left', async () => {
    const run = await npmStart();
    expect(processesWithEnv(marker, run.id).length).toBeGreaterThanOrEqual(2);

    process.kill(run.child.pid!, 'SIGTERM');
    await run.exited;
    expect(await leftovers(run.id, 15_000)).toEqual([]);
    expect(await isListening(run.port)).toBe(false);
    expect(run.output.join('')).toContain('"signal":"SIGTERM","msg":"Shutting down"');
  });

  it('P2: Ctrl-C (SIGINT to the whole foreground group) stops the server cleanly and leaves nothing behind', async () => {
    const run = await npmStart();

    process.kill(-run.child.pid!, 'SIGINT');
    await run.exited;
    expect(await leftovers(run.id, 15_000)).toEqual([]);
    expect(await isListening(run.port)).toBe(false);
    expect(run.output.join('')).toContain('"signal":"SIGINT","msg":"Shutting down"');
    expect(run.output.join('')).not.toMatch(/DingOps failed|ERR!/);
  });
});
