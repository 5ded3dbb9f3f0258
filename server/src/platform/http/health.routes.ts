import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { readMigrationStatus } from '../../db/migrate';

/** /healthz: the process answers. /readyz: the database answers and every migration is applied. */
export async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const { database } = app.deps;
    try {
      await database.db.execute(sql`SELECT 1`);
      const migrations = await readMigrationStatus(database);
      const ready = migrations.applied >= migrations.expected;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'migrating', database: database.driver, migrations });
    } catch (error) {
      request.log.warn({ err: error }, 'Readiness check failed');
      return reply.status(503).send({ status: 'unavailable', database: database.driver });
    }
  });
}
