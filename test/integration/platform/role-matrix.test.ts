import { describe, expect, it } from 'vitest';
import { personByRole } from '../../support/demo-people';
import { buildTestApp } from '../../support/test-app';

/**
 * Rule S4 (access control): walks every registered route with every role and with no login, and
 * checks the answer against the route's declared access. A new route is covered the moment it exists.
 */
describe('role matrix', () => {
  // ~700 requests: a loaded two-core machine needs minutes, not the default seconds.
  it('S4: every route answers 401 without a login and 403 to roles it does not allow, and lets the rest through', { timeout: 600_000 }, async () => {
    const t = await buildTestApp();
    const sessions = Object.fromEntries(
      await Promise.all(Object.entries(personByRole).map(async ([role, userId]) => [role, await t.loginAs(userId)] as const)),
    );
    const rolesOf = Object.fromEntries(
      await Promise.all(
        Object.entries(sessions).map(async ([role, session]) => [role, (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: session.headers })).json().roles as string[]] as const),
      ),
    );
    const sampleUserId = sessions.employee?.userId ?? '';
    // The matrix walks exactly the routes the app serves, the API document included.
    expect(t.app.registeredRoutes.map((route) => `${route.method} ${route.url}`).sort()).toEqual(servedRoutes(t.app.printRoutes({ commonPrefix: false })));
    expect(t.app.registeredRoutes).toContainEqual({ method: 'GET', url: '/api/docs/json', access: 'public' });
    const routes = t.app.registeredRoutes.filter((route) => route.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(8);

    const mismatches: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(':userId', sampleUserId).replace('*', 'index.html');
      const anonymous = await t.app.inject({ method: route.method as 'GET', url });
      const anonymousOk = route.access === 'public' ? anonymous.statusCode !== 401 && anonymous.statusCode !== 403 : anonymous.statusCode === 401;
      if (!anonymousOk) mismatches.push(`${route.method} ${route.url} anonymous → ${anonymous.statusCode}`);

      for (const [role, session] of Object.entries(sessions)) {
        const roles = rolesOf[role] ?? [];
        const allowed = route.access === 'public' || route.access === 'authenticated' || route.access.some((needed) => roles.includes(needed));
        const response = await t.app.inject({ method: route.method as 'GET', url, headers: session.headers });
        const refused = response.statusCode === 401 || response.statusCode === 403;
        if (allowed === refused) mismatches.push(`${route.method} ${route.url} as ${role} (${roles.join(',')}) → ${response.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/**
 * "METHOD /path" for every route in Fastify's own route tree (printRoutes with commonPrefix off): each
 * line is a path segment under its parent, four columns deeper, with its methods in brackets.
 */
function servedRoutes(tree: string): string[] {
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    // The tree prints a wildcard at the root without its slash.
    const segment = match[2] === '*' && depth === 0 ? '/*' : match[2]!;
    const path = (parents[depth - 1] ?? '') + segment;
    parents[depth] = path;
    parents.length = depth + 1;
    for (const method of match[3]?.split(', ') ?? []) routes.push(`${method} ${path}`);
  }
  return routes.sort();
}
