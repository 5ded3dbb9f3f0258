// `npm start`: install (through the pinned pnpm), build what changed since the last start (the
// micro-app and the compiled server), then run `node server/dist/main.js`.
//
// One process from npm down to the server: the script's `exec` replaces npm's shell with this file
// (a shell waiting on a child dies of SIGTERM without passing it on), and this file passes SIGINT,
// SIGTERM and SIGHUP on to whatever step is running, then exits with the server's own status. So
// stopping `npm start` (Ctrl-C, a supervisor's SIGTERM to npm) stops the server cleanly and leaves
// nothing behind. Only Node's own modules here: node_modules may not exist yet.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpm = 'pnpm@12.4.2';
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const running = new Set();
let stopSignal = null;

for (const signal of forwarded) {
  process.on(signal, () => {
    stopSignal ??= signal;
    for (const child of running) child.kill(signal);
  });
}

// Should whatever started us go away without a word (npm killed with SIGKILL), stop as if told to.
const parent = process.ppid;
const orphaned = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(orphaned);
  process.emit('SIGTERM', 'SIGTERM');
}, 1000);
orphaned.unref();

/** Runs one step with the terminal's output; resolves with its exit code, or the signal that ended it. */
function step(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    running.add(child);
    child.on('error', (error) => {
      console.error(`npm start: could not run ${command}: ${error.message}`);
      resolve({ code: 1, signal: null });
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
}

/** Runs steps one after another, stopping at the first that fails. */
async function sequence(steps) {
  for (const [command, args] of steps) {
    if (stopSignal) return { code: null, signal: stopSignal };
    const result = await step(command, args);
    if (result.code !== 0) return result;
  }
  return { code: 0, signal: null };
}

/** Exits as the step did: its code, or 128 + the signal number as a shell would report it. */
function exitLike({ code, signal }) {
  if (signal) process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal] ?? 0));
  process.exit(code ?? 1);
}

const node = process.execPath;
const install = await step('npx', ['-y', pnpm, 'install', '--frozen-lockfile']);
if (stopSignal) exitLike({ code: null, signal: stopSignal });
if (install.code !== 0) exitLike(install);

// Side by side (two cores): the micro-app's Vite build, and the server's compile followed by the
// embedded database's template (an initdb, once per PGlite version and migration set).
const builds = await Promise.all([
  step(node, ['scripts/build-miniapp.mjs', '--if-changed']),
  sequence([
    [node, ['scripts/build-server.mjs', '--if-changed']],
    [node, ['server/dist/cli.js', 'pglite:template']],
  ]),
]);
if (stopSignal) exitLike({ code: null, signal: stopSignal });
const failedBuild = builds.find((result) => result.code !== 0);
if (failedBuild) exitLike(failedBuild);

// The server handles the signals itself (main.ts): it finishes requests in flight and closes the database.
exitLike(await step(node, ['server/dist/main.js']));
