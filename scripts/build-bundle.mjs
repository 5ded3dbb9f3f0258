// The production bundle: everything DingOps needs at run time and nothing else, laid out as the
// repository is (so the compiled server finds migrations/ and miniapp/dist where the sources do):
//
//   <out>/server/dist/           the compiled server and CLI
//   <out>/server/node_modules/   production dependencies only (pnpm deploy --prod)
//   <out>/server/package.json
//   <out>/migrations/            SQL migrations, applied at start
//   <out>/miniapp/dist/          the built micro-app, with its brotli/gzip copies
//
// Run it from <out>: `node server/dist/main.js` (and `node server/dist/cli.js doctor`). The
// Dockerfile's runtime stage is exactly this folder; the deploy tests start it with plain node.
//
// Usage: node scripts/build-bundle.mjs <out>   (reuses micro-app and server builds that are up to date)
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildMiniapp } from './build-miniapp.mjs';
import { buildServer } from './build-server.mjs';
import { root, run } from './lib/build-stamp.mjs';

const out = process.argv[2] ? resolve(process.argv[2]) : null;
if (!out) {
  console.error('Usage: node scripts/build-bundle.mjs <output folder>');
  process.exit(2);
}
if (out === root || root.startsWith(`${out}/`)) {
  console.error('The bundle goes to a folder of its own, outside the repository root.');
  process.exit(2);
}

const started = performance.now();
await Promise.all([buildMiniapp({ ifChanged: true }), buildServer({ ifChanged: true })]);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// The server package's files ("files": ["dist"]) and its production dependencies, with the
// workspace's shared package copied in rather than linked.
await run('npx', ['-y', 'pnpm@12.4.2', '--filter', '@dingops/server', 'deploy', '--prod', '--config.confirmModulesPurge=false', join(out, 'server')]);
rmSync(join(out, 'server', 'pnpm-workspace.yaml'), { force: true });
cpSync(join(root, 'migrations'), join(out, 'migrations'), { recursive: true });
cpSync(join(root, 'miniapp', 'dist'), join(out, 'miniapp', 'dist'), { recursive: true });

for (const required of ['server/dist/main.js', 'server/dist/cli.js', 'migrations/meta/_journal.json', 'miniapp/dist/index.html', 'server/node_modules/fastify']) {
  if (!existsSync(join(out, required))) throw new Error(`the bundle lacks ${required}`);
}
console.log(`Production bundle in ${out} (${Math.round(performance.now() - started)} ms). Start it there with: node server/dist/main.js`);
