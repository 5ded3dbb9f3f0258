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

let current = null;
let stopSignal = null;

for (const signal of forwarded) {
  process.on(signal, () => {
    stopSignal ??= signal;
    current?.kill(signal);
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

/** Runs one step in the foreground; resolves with its exit code, or the signal that ended it. */
function step(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    current = child;
    child.on('error', (error) => {
      console.error(`npm start: could not run ${command}: ${error.message}`);
      resolve({ code: 1, signal: null });
    });
    child.on('exit', (code, signal) => {
      current = null;
      resolve({ code, signal });
    });
  });
}

/** Exits as the step did: its code, or 128 + the signal number as a shell would report it. */
function exitLike({ code, signal }) {
  if (signal) process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal] ?? 0));
  process.exit(code ?? 1);
}

const steps = [
  ['npx', ['-y', pnpm, 'install', '--frozen-lockfile']],
  [process.execPath, ['scripts/build-miniapp.mjs', '--if-changed']],
  [process.execPath, ['scripts/build-server.mjs', '--if-changed']],
];
for (const [command, args] of steps) {
  const result = await step(command, args);
  if (stopSignal) exitLike({ code: null, signal: stopSignal });
  if (result.code !== 0) exitLike(result);
}

// The server handles the signals itself (main.ts): it finishes requests in flight and closes the database.
exitLike(await step(process.execPath, ['server/dist/main.js']));
