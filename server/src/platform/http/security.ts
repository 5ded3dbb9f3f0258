import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers. The micro-app may be framed by the sandbox console (its phone frame), so that
 * origin is allowed to frame us; X-Frame-Options cannot express that, CSP frame-ancestors can.
 */
export const securityHeadersPlugin = fp(
  async (app: FastifyInstance) => {
    const sandboxOrigin = app.deps.sandboxApiUrl ? new URL(app.deps.sandboxApiUrl).origin : null;
    const extra = sandboxOrigin ? [sandboxOrigin] : [];
    await app.register(helmet, {
      frameguard: false,
      crossOriginResourcePolicy: { policy: 'same-site' },
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', 'https:', ...extra],
          connectSrc: ["'self'", ...extra],
          frameAncestors: ["'self'", ...extra, 'https://*.dingtalk.com'],
          upgradeInsecureRequests: null,
        },
      },
    });
  },
  { name: 'security-headers', dependencies: ['deps'] },
);
