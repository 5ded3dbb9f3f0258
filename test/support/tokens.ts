import { createHmac } from 'node:crypto';

/** Signs an HS256 JWT by hand, so tests can make expired or foreign-key tokens the app never issued. */
export function forgeToken(claims: Record<string, unknown>, secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
