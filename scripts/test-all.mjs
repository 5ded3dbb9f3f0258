// Runs the whole suite: ESLint, the type check and the micro-app's first-load budget first (each
// counts as one test), unit + integration on PGlite, integration again on Postgres when
// TEST_DATABASE_URL is set, the browser tests when Chromium is installed, and the deploy tier (the
// production bundle and `npm start` as processes). Ends with the totals line `N passed, N failed`
// that CI reads.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = '.test-results';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pgliteRun = { name: 'unit + integration (PGlite)', projects: ['unit', 'integration'], env: { TEST_DATABASE_URL: '' } };
// Postgres tests wait on the server more than on the CPU and need no PGlite heap: a third worker pays.
const postgresRun = process.env.TEST_DATABASE_URL ? { name: 'integration (Postgres)', projects: ['integration'], env: {}, args: ['--maxWorkers=3'] } : null;
const browserRun = existsSync(chromium) ? { name: 'browser', projects: ['browser'], env: { CHROMIUM_PATH: chromium, TEST_DATABASE_URL: '' } } : null;

// Fault tests start whole DingOps processes: a Postgres restart on a cluster of their own (initdb
// and pg_ctl as the postgres user, so PostgreSQL's server binaries and root are needed), and two
// processes on TEST_DATABASE_URL. Each skips itself when it cannot run; the reasons are printed here.
const faultRun = { name: 'fault (Postgres restart, two processes)', projects: ['fault'], env: {} };
const hasPostgresServer = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((version) => existsSync(join('/usr/lib/postgresql', version, 'bin', 'initdb')));
if (!hasPostgresServer) console.log('Postgres restart fault test skipped: no PostgreSQL server binaries (initdb) under /usr/lib/postgresql.');
else if (process.getuid?.() !== 0) console.log('Postgres restart fault test skipped: not root, so initdb cannot be run as the postgres user (runuser).');

if (!postgresRun) console.log('Postgres run skipped: set TEST_DATABASE_URL=postgres://… to run the integration suite on Postgres too.');
if (!postgresRun) console.log('Two-process fault test skipped: it needs TEST_DATABASE_URL too.');
if (!browserRun) console.log(`Browser tests skipped: no Chromium at ${chromium} (apt-get install -y chromium fonts-wqy-microhei).`);

/** Runs a command; its output goes to the terminal, or to `logFile` (the build, which runs beside a tier). */
function runCommand(command, args, { cwd, env, logFile } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', logFile ? 'pipe' : 'inherit', logFile ? 'pipe' : 'inherit'] });
    if (logFile) {
      const log = createWriteStream(logFile);
      child.stdout.pipe(log);
      child.stderr.pipe(log);
    }
    child.on('close', (status) => resolve(status));
  });
}

// The build is small and runs while the first tier starts up; the browser tier and the first-load
// check wait for it. The production build (with the brotli/gzip copies the server sends), which the
// deploy tier reuses.
const build = runCommand(process.execPath, ['scripts/build-miniapp.mjs'], { logFile: join(resultsDir, 'vite-build.log') });

let passed = 0;
let failed = 0;
let index = 0;

/** A check that is not a vitest run (lint, types): one passed or one failed test in the totals. */
async function runCheck(name, command, args) {
  console.log(`\n=== ${name} ===`);
  const status = await runCommand(command, args);
  if (status === 0) {
    console.log(`${name}: passed`);
    passed += 1;
  } else {
    console.log(`${name}: FAILED (exit ${status})`);
    failed += 1;
  }
}

const bin = (name) => join('node_modules', '.bin', name);
await runCheck('lint (ESLint)', bin('eslint'), ['.']);
await runCheck('typecheck (tsc)', process.execPath, ['scripts/typecheck.mjs']);
// The micro-app's first download against its budget; reuses the build above (builds if it failed to).
await build;
await runCheck('first load (micro-app, gzip)', process.execPath, ['scripts/check-first-load.mjs']);

async function runTier(run) {
  const output = join(resultsDir, `run-${index}.json`);
  index += 1;
  const args = ['run', ...run.projects.flatMap((project) => ['--project', project]), ...(run.args ?? []), '--reporter=default', '--reporter=json', `--outputFile.json=${output}`];
  console.log(`\n=== ${run.name} ===`);
  const status = await runCommand(join('node_modules', '.bin', 'vitest'), args, { env: { ...process.env, ...run.env } });
  return { run, status, output };
}

function count({ run, status, output }) {
  if (!existsSync(output)) {
    console.log(`${run.name}: vitest wrote no results (exit ${status})`);
    failed += 1;
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  passed += report.numPassedTests;
  failed += report.numFailedTests + brokenFiles;
  if (status !== 0 && report.numFailedTests + brokenFiles === 0) failed += 1;
}

count(await runTier(pgliteRun));

// The tiers run one after another: side by side, the browser tier's load delayed the Postgres
// tier's real-time robot-budget checks past their margin (seen once in CI).
if (postgresRun) count(await runTier(postgresRun));
count(await runTier(faultRun));
if (browserRun) {
  if ((await build) !== 0) {
    console.log(`\n=== ${browserRun.name} ===\nminiapp build failed:`);
    process.stdout.write(readFileSync(join(resultsDir, 'vite-build.log'), 'utf8'));
    failed += 1;
  } else {
    count(await runTier(browserRun));
  }
}

// Last: it builds the production bundle and starts processes of its own.
count(await runTier({ name: 'deploy (production bundle, npm start)', projects: ['deploy'], env: {} }));

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
