// Compiles the server (and the parts of shared/ it uses) once into server/dist/, so production
// runs plain `node server/dist/main.js` instead of transpiling TypeScript at every start.
//
//   server/dist/main.js   the server
//   server/dist/cli.js    the operator commands (doctor, audit:verify, config:docs, config:env)
//
// Packages from node_modules stay external (imported at run time from node_modules, as in
// development): PGlite must find its .wasm/.data files beside its own package, pino loads its
// transports by name, and the SDKs are loaded lazily on first use. Only our own TypeScript
// (server/src, shared/src) is bundled. Chunks are split so each entry point loads only what it
// needs: `cli.js doctor` does not load the HTTP app.
//
// Usage: node scripts/build-server.mjs [--if-changed]
//   --if-changed  skip the build when server/dist was built from the same sources (npm start, CLIs).
import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildTarget, root } from './lib/build-stamp.mjs';

const outdir = join(root, 'server', 'dist');
export const serverBuild = buildTarget('server', ['server/src', 'shared/src', 'server/package.json', 'shared/package.json', 'pnpm-lock.yaml', 'scripts/build-server.mjs'], 'server/dist/main.js');

/**
 * esbuild gives every bundled module the output file's `import.meta.url`. A source that finds files
 * relative to itself (`new URL('../../../migrations', import.meta.url)`) would then look in the wrong
 * place; this rewrites each module's `import.meta.url` to where its source file lives, so such paths
 * resolve exactly as they do when the sources run. The deployment keeps the repository's layout
 * (server/dist beside migrations/ and miniapp/dist), so they resolve there too.
 */
const sourceLocation = {
  name: 'source-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromOutput = relative(outdir, args.path).split('\\').join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOutput)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/** Everything from node_modules stays external, except our own workspace packages (TypeScript sources). */
const externalPackages = {
  name: 'external-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@dingops/') ? undefined : { path: args.path, external: true }));
  },
};

async function compile() {
  const { build } = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'server/src/main.ts', cli: 'server/src/cli.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Stack traces map back to the TypeScript with NODE_OPTIONS=--enable-source-maps.
    sourcemap: 'linked',
    // Class and function names stay as written, in stack traces and logs.
    keepNames: true,
    plugins: [externalPackages, sourceLocation],
    logLevel: 'warning',
  });
}

export async function buildServer({ ifChanged = false } = {}) {
  if (ifChanged && serverBuild.isUpToDate()) return false;
  await serverBuild.build(compile);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const built = await buildServer({ ifChanged: process.argv.includes('--if-changed') });
  if (built) console.log(`Compiled the server into server/dist in ${Math.round(performance.now() - started)} ms.`);
}
