// The micro-app's first load: what a phone downloads before the login picker can be used. Counted
// as the entry script, every chunk index.html modulepreloads and every stylesheet it links, each
// gzip -9 compressed (the .gz copy the server sends). The login route is part of the entry (it is
// not lazy), so nothing else is fetched before the picker shows but the API's JSON. Fails above the
// budget and prints the figure, with the chunks behind it.
//
// Usage: node scripts/check-first-load.mjs [--verbose]
//   Builds the micro-app first when miniapp/dist is missing or older than its sources.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildMiniapp } from './build-miniapp.mjs';
import { root } from './lib/build-stamp.mjs';

const budgetKb = 150;
const dist = join(root, 'miniapp', 'dist');

/** The files index.html makes the browser fetch at once: entry script, modulepreloads, stylesheets. */
export function firstLoadFiles(html) {
  const attribute = (tag, name) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1] ?? null;
  const files = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const rel = attribute(tag, 'rel');
    const url = tag.startsWith('<script') && attribute(tag, 'type') === 'module' ? attribute(tag, 'src') : rel === 'modulepreload' || rel === 'stylesheet' ? attribute(tag, 'href') : null;
    if (url?.startsWith('/')) files.push(url);
  }
  return files;
}

/** Gzip size of one built file: its precompressed copy when there is one, else compressed here. */
function gzipBytes(url) {
  const path = join(dist, url);
  if (existsSync(`${path}.gz`)) return readFileSync(`${path}.gz`).length;
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

export function measureFirstLoad() {
  const html = readFileSync(join(dist, 'index.html'));
  const files = firstLoadFiles(html.toString('utf8')).map((url) => ({ url, bytes: gzipBytes(url) }));
  files.push({ url: '/index.html', bytes: gzipSync(html, { level: 9 }).length });
  return { files, total: files.reduce((sum, file) => sum + file.bytes, 0) };
}

const kB = (bytes) => (bytes / 1000).toFixed(1);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (await buildMiniapp({ ifChanged: true })) console.log('Built the micro-app into miniapp/dist.');
  const { files, total } = measureFirstLoad();
  if (process.argv.includes('--verbose')) {
    for (const file of [...files].sort((a, b) => b.bytes - a.bytes)) console.log(`${kB(file.bytes).padStart(7)} kB  ${file.url}`);
  }
  console.log(`first load: ${kB(total)} kB gzip in ${files.length} files (budget ${budgetKb} kB)`);
  if (total > budgetKb * 1000) {
    console.log(`over budget by ${kB(total - budgetKb * 1000)} kB: keep the login route's imports small (run with --verbose for the files)`);
    process.exit(1);
  }
}
