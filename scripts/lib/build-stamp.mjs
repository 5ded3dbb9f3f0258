// "Is this build output still what its sources would give?" — a cheap answer so `npm start` and the
// CLI scripts rebuild only after a change. A stamp hashes every input file's path, size and
// modification time (git updates the time of every file it changes) plus the time of the output's
// marker file, so an output rebuilt or deleted by something else is not taken for ours.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stampDir = join(root, 'node_modules', '.cache', 'dingops-build');

function addTree(hash, path) {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    for (const name of readdirSync(path).sort()) if (name !== 'node_modules') addTree(hash, join(path, name));
    return;
  }
  hash.update(`${relative(root, path)}\0${stat.size}\0${stat.mtimeMs}\n`);
}

/**
 * A build output named `name`, made from `inputs` (paths from the repository root), whose
 * `marker` file exists once it is built.
 */
export function buildTarget(name, inputs, marker) {
  const stampFile = join(stampDir, `${name}.stamp`);
  const markerPath = join(root, marker);
  const digestInputs = () => {
    const hash = createHash('sha256');
    for (const input of inputs) {
      const path = join(root, input);
      if (existsSync(path)) addTree(hash, path);
    }
    return hash.digest('hex');
  };
  const stampOf = (inputsDigest) => (existsSync(markerPath) ? `${inputsDigest} ${statSync(markerPath).mtimeMs}` : null);
  return {
    isUpToDate() {
      const current = stampOf(digestInputs());
      return current !== null && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === current;
    },
    /** Digests the inputs before building, and records them once the build is done: an edit made during the build still counts as a change. */
    async build(run) {
      const before = digestInputs();
      await run();
      const stamp = stampOf(before);
      if (stamp === null) throw new Error(`${name}: the build did not produce ${marker}`);
      mkdirSync(stampDir, { recursive: true });
      writeFileSync(stampFile, stamp);
    },
  };
}

/** Runs a command with the terminal's output; rejects when it fails. */
export async function run(command, args, options = {}) {
  const { spawn } = await import('node:child_process');
  await new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: root, ...options });
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`))));
  });
}
