// TypeScript's check of every package (`pnpm typecheck` without pnpm): shared, server, miniapp,
// then the root project (tests, scripts, configs). Exits 1 if any of them has an error.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const tsc = join('node_modules', '.bin', 'tsc');
const projects = ['shared/tsconfig.json', 'server/tsconfig.json', 'miniapp/tsconfig.json', 'tsconfig.json'];

let failures = 0;
for (const project of projects) {
  const status = await new Promise((resolve) => {
    const child = spawn(tsc, ['-p', project, '--noEmit'], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('close', resolve);
  });
  if (status !== 0) {
    console.log(`tsc -p ${project}: errors above`);
    failures += 1;
  }
}
process.exit(failures === 0 ? 0 : 1);
