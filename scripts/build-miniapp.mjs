// Builds the micro-app into miniapp/dist (Vite), then writes a brotli (.br) and a gzip (.gz) copy
// of every compressible file beside it, at the strongest settings: the server sends those as they
// are (no compression work per request), and compresses on the fly only what has no copy.
//
// Usage: node scripts/build-miniapp.mjs [--if-changed]
//   --if-changed  skip the build when miniapp/dist was built from the same sources (npm start).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildTarget, root, run } from './lib/build-stamp.mjs';

const dist = join(root, 'miniapp', 'dist');
export const miniappBuild = buildTarget(
  'miniapp',
  ['miniapp/src', 'miniapp/index.html', 'miniapp/vite.config.ts', 'miniapp/package.json', 'miniapp/public', 'shared/src', 'pnpm-lock.yaml', 'scripts/build-miniapp.mjs'],
  'miniapp/dist/index.html',
);

const compressible = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/;

/** Writes file.br and file.gz beside each compressible file worth it (over 1 kB, and smaller compressed). */
export function precompress(dir = dist) {
  let written = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      written += precompress(path);
      continue;
    }
    if (!compressible.test(name)) continue;
    const content = readFileSync(path);
    if (content.length < 1024) continue;
    const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
    const gz = gzipSync(content, { level: 9 });
    for (const [extension, packed] of [['br', br], ['gz', gz]]) {
      if (packed.length >= content.length) continue;
      writeFileSync(`${path}.${extension}`, packed);
      written += 1;
    }
  }
  return written;
}

export async function buildMiniapp({ ifChanged = false } = {}) {
  if (ifChanged && miniappBuild.isUpToDate()) return false;
  await miniappBuild.build(async () => {
    await run(join(root, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: join(root, 'miniapp') });
    precompress();
  });
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const built = await buildMiniapp({ ifChanged: process.argv.includes('--if-changed') });
  if (built) console.log(`Built the micro-app into miniapp/dist in ${Math.round(performance.now() - started)} ms.`);
}
