import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../identity/identity.service';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Why a bearer token was refused, when one was sent; routes that need a login report it. */
    authFailure: string | null;
  }
  interface FastifyInstance {
    issueSessionToken(actorId: string): { token: string; expiresAt: Date };
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
    user: { sub: string; iat: number; exp: number };
  }
}

/**
 * Verifies the bearer token on every request and loads the actor fresh from the database, so a
 * suspension or a role change takes effect on the next request rather than when the token expires.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, { jwtSecret }: { jwtSecret: string }) => {
    const { jwtTtlSeconds } = app.deps.config.auth;
    // Every session token DingOps issues expires; one without `exp` would be valid forever.
    await app.register(fastifyJwt, { secret: jwtSecret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'], requiredClaims: ['exp'] } });
    app.decorateRequest('actor', null);
    app.decorateRequest('authFailure', null);

    app.decorate('issueSessionToken', (actorId: string) => {
      const expiresAt = new Date(app.deps.clock().getTime() + jwtTtlSeconds * 1000);
      return { token: app.jwt.sign({ sub: actorId }, { expiresIn: jwtTtlSeconds }), expiresAt };
    });

    app.addHook('onRequest', async (request) => {
      if (!request.headers.authorization) return;
      await loadActor(app, request);
    });
  },
  { name: 'auth', dependencies: ['deps', 'identity'] },
);

/** header.payload.signature: anything else (a monitoring source's token, say) is not a session. */
const jwtShape = /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/i;
/** Sessions name a user id; anything else would reach Postgres as an invalid uuid. */
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadActor(app: FastifyInstance, request: FastifyRequest) {
  if (!jwtShape.test(request.headers.authorization ?? '')) {
    // Skips building a verification error per webhook request, which costs more than the check.
    request.authFailure = 'The session token is not valid; log in again';
    return;
  }
  let claims: { sub: string };
  try {
    claims = await request.jwtVerify<{ sub: string }>();
  } catch (error) {
    const code = (error as { code?: string }).code;
    request.authFailure = code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED' ? 'The session expired; log in again' : 'The session token is not valid; log in again';
    return;
  }
  if (!uuidShape.test(claims.sub)) {
    request.authFailure = 'The session token is not valid; log in again';
    return;
  }
  // Outside the try: a database that cannot be reached is a 503 to retry, not a reason to log in again.
  const actor = await app.identity.findSessionActor(claims.sub);
  if (actor) request.actor = actor;
  else request.authFailure = 'This account is no longer active';
}
