import type { Role } from '@dingops/shared/roles';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { auditContextOf } from '../audit';
import { accountPending, forbidden, notAuthenticated } from '../errors/platform.errors';

/** What a route needs: anyone, any logged-in person, or one of the listed roles. */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Rule S1: a person waiting for registration review may use this route (only /me is). */
    allowPending?: boolean;
  }
  interface FastifyInstance {
    /** Every route with its declared access, for the role-matrix test and the docs. */
    registeredRoutes: RegisteredRoute[];
  }
}

/**
 * Default deny: a route that does not declare `config.access` refuses to register, so the app fails at
 * start-up rather than serving an unguarded route. Registered before anything that adds routes (the
 * OpenAPI document included), so `registeredRoutes` is every route the app serves.
 */
export const routeAccessPlugin = fp(
  async (app: FastifyInstance) => {
    const routes: RegisteredRoute[] = [];
    app.decorate('registeredRoutes', routes);

    app.addHook('onRoute', (route) => {
      const access = route.config?.access;
      if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access`);
      for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
    });
  },
  { name: 'route-access' },
);

/** Enforces each route's declared access on every request: 401 without a login, 403 without a role. */
export const rbacPlugin = fp(
  async (app: FastifyInstance) => {
    // onRequest, not preHandler: a caller without the right role learns nothing, not even what validation expects.
    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config.access;
      if (access === 'public' || request.is404) return;
      if (!request.actor) throw notAuthenticated(request.authFailure ?? 'Log in first');
      if (request.actor.status === 'pending' && !request.routeOptions.config.allowPending) throw accountPending();
      if (access === 'authenticated' || !access) {
        if (!access) throw forbidden([]);
        return;
      }
      if (access.some((role) => request.actor?.roles.includes(role))) return;
      await app.audit.record(auditContextOf(request), {
        action: 'access.denied',
        target: { type: 'route', id: `${request.method} ${request.routeOptions.url}` },
        result: 'denied',
        summary: { needed: access, had: request.actor.roles },
      });
      throw forbidden(access);
    });
  },
  { name: 'rbac', dependencies: ['route-access', 'auth', 'audit'] },
);
