// Runs the whole suite: unit + integration on PGlite, integration again on Postgres when
// TEST_DATABASE_URL is set, and the browser tests when Chromium is installed. Ends with the
// totals line `N passed, N failed` that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = '.test-results';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runs = [
  { name: 'unit + integration (PGlite)', projects: ['unit', 'integration'], env: { TEST_DATABASE_URL: '' } },
  // Postgres tests wait on the server more than on the CPU and need no PGlite heap: a third worker pays.
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'integration (Postgres)', projects: ['integration'], env: {}, args: ['--maxWorkers=3'] }] : []),
  ...(existsSync(chromium) ? [{ name: 'browser', projects: ['browser'], env: { CHROMIUM_PATH: chromium, TEST_DATABASE_URL: '' } }] : []),
];

if (!process.env.TEST_DATABASE_URL) console.log('Postgres run skipped: set TEST_DATABASE_URL=postgres://… to run the integration suite on Postgres too.');
if (!existsSync(chromium)) console.log(`Browser tests skipped: no Chromium at ${chromium} (apt-get install -y chromium fonts-wqy-microhei).`);

if (runs.some((run) => run.projects.includes('browser'))) {
  const build = spawnSync(join('node_modules', '.bin', 'vite'), ['build'], { cwd: 'miniapp', stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

let passed = 0;
let failed = 0;
for (const [index, run] of runs.entries()) {
  console.log(`\n=== ${run.name} ===`);
  const output = join(resultsDir, `run-${index}.json`);
  const args = ['run', ...run.projects.flatMap((project) => ['--project', project]), ...(run.args ?? []), '--reporter=default', '--reporter=json', `--outputFile.json=${output}`];
  const result = spawnSync(join('node_modules', '.bin', 'vitest'), args, { stdio: 'inherit', env: { ...process.env, ...run.env } });
  if (!existsSync(output)) {
    console.log(`${run.name}: vitest wrote no results (exit ${result.status})`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  passed += report.numPassedTests;
  failed += report.numFailedTests + brokenFiles;
  if (result.status !== 0 && report.numFailedTests + brokenFiles === 0) failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
