import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Text that compresses well: HTML, CSS, JavaScript, JSON (problem+json too), XML, SVG and plain text
 * such as /metrics. Not event streams (compressing buffers them), not images, archives or
 * octet-streams (already compressed, or unknown).
 */
const compressibleType = /^text\/(?!event-stream)|^application\/(?:[\w.+-]+\+)?(?:json|xml|javascript)\b|^image\/svg\+xml\b/;

/**
 * gzip and brotli for every response worth it, by the browser's Accept-Encoding. Registered before
 * the routes: its onSend hook applies to routes added after it. Files the micro-app build already
 * compressed are sent as they are (they carry Content-Encoding, which this leaves alone).
 */
export const compressionPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(compress, {
      encodings: ['br', 'gzip'],
      // Below about a kilobyte the headers cost more than compression saves.
      threshold: 1024,
      customTypes: compressibleType,
      // Request bodies are taken as sent: inflating them would let a small upload grow past the body limit's intent.
      globalDecompression: false,
    });
  },
  { name: 'compression' },
);
