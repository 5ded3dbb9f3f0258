import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../support/test-app';

// A built micro-app in miniature: a hashed bundle with the brotli copy the build writes beside it,
// a hashed chunk without copies, index.html and an image.
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "row ${i}" }`).join(', ')}];\n`;
const indexHtml = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>DingOps</title><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(80)}</body></html>`;
let dist = '';

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'miniapp-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), indexHtml);
  writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), script);
  writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(script));
  writeFileSync(join(dist, 'assets', 'lazy-Ef56Gh78.js'), script);
  writeFileSync(join(dist, 'assets', 'logo-Ij90Kl12.png'), randomBytes(4096));
});

afterAll(() => rmSync(dist, { recursive: true, force: true }));

const immutable = 'public, max-age=31536000, immutable';

describe('HTTP delivery: compression and caching', () => {
  it('P3: a hashed asset goes out as its brotli copy with a year-long immutable cache-control', async () => {
    const t = await buildTestApp({ MINIAPP_DIST: dist });
    const response = await t.app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe(immutable);
    expect(response.headers['content-type']).toMatch(/^application\/javascript/);
    expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    expect(response.rawPayload.length).toBeLessThan(script.length / 3);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(script);
  });

  it('P3: an asset without a precompressed copy is compressed on the fly, and sent plain to a client that accepts no encoding', async () => {
    const t = await buildTestApp({ MINIAPP_DIST: dist });
    const gzip = await t.app.inject({ method: 'GET', url: '/assets/lazy-Ef56Gh78.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toBe(immutable);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(script);

    const plain = await t.app.inject({ method: 'GET', url: '/assets/lazy-Ef56Gh78.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers['cache-control']).toBe(immutable);
  });

  it('P3: index.html, and the app shell sent for a deep link, must be revalidated (no-cache) so a new build is seen at once', async () => {
    const t = await buildTestApp({ MINIAPP_DIST: dist });
    for (const url of ['/', '/index.html', '/tickets/42']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(response.rawPayload).toString(), url).toBe(indexHtml);
      expect(response.headers.etag, url).toBeDefined();
    }
  });

  it('P3: images are not compressed again', async () => {
    const t = await buildTestApp({ MINIAPP_DIST: dist });
    const response = await t.app.inject({ method: 'GET', url: '/assets/logo-Ij90Kl12.png', headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.rawPayload.length).toBe(4096);
    expect(response.headers['cache-control']).toBe(immutable);
  });

  it('P3: a large API JSON answer is compressed as the client asks; a small one is not worth it', async () => {
    const t = await buildTestApp({ MINIAPP_DIST: dist });
    const plain = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(10_000);

    const br = await t.app.inject({ method: 'GET', url: '/api/docs/json', headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.body.length / 4);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());

    const gzip = await t.app.inject({ method: 'GET', url: '/api/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json());

    const small = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ status: 'ok' });
  });
});
