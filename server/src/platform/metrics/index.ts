import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge, Histogram, Registry } from 'prom-client';
import { effectSchemas, type EffectKind } from '../outbox/outbox.effects';
import { outbox } from '../outbox/outbox.table';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Prometheus registry /metrics serves; modules register their own metrics on it. */
    metrics: { registry: Registry };
  }
}

/**
 * Self-monitoring (issue 5 item 8): `/metrics` in Prometheus text format, so the Alertmanager that
 * feeds DingOps can watch DingOps too. Outbox depth, age and dead letters are read from the table at
 * scrape time, so every instance reports the same truth; delivery latency is measured per delivery.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    const registry = new Registry();
    const { database, clock } = app.deps;

    new Gauge({
      name: 'dingops_outbox_depth',
      help: 'Outbox effects waiting or in flight, and dead letters, by kind and status.',
      labelNames: ['kind', 'status'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await outboxStats()) this.set({ kind: row.kind, status: row.status }, row.count);
      },
    });
    new Gauge({
      name: 'dingops_outbox_oldest_age_seconds',
      help: 'Age of the oldest effect not yet delivered (pending or in flight), by kind.',
      labelNames: ['kind'],
      registers: [registry],
      async collect() {
        this.reset();
        const now = clock().getTime();
        for (const row of await outboxStats()) if (row.status !== 'dead' && row.oldest) this.set({ kind: row.kind }, Math.max(0, (now - new Date(row.oldest).getTime()) / 1000));
      },
    });
    new Gauge({
      name: 'dingops_outbox_dead_letters',
      help: 'Effects that could not be delivered and wait for an admin (never dropped silently).',
      registers: [registry],
      async collect() {
        this.set((await outboxStats()).filter((row) => row.status === 'dead').reduce((sum, row) => sum + row.count, 0));
      },
    });
    const latency = new Histogram({
      name: 'dingops_outbox_delivery_seconds',
      help: 'Time from enqueue to delivery of an outbox effect, by kind.',
      labelNames: ['kind'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
      registers: [registry],
    });
    for (const kind of Object.keys(effectSchemas) as EffectKind[]) {
      app.outbox.onDelivered(kind, async (row) => {
        latency.observe({ kind }, Math.max(0, (clock().getTime() - row.createdAt.getTime()) / 1000));
      });
    }

    // One query per scrape, shared by the three gauges above.
    let stats: { at: number; rows: Promise<{ kind: string; status: string; count: number; oldest: string | null }[]> } | null = null;
    function outboxStats() {
      const now = Date.now();
      if (!stats || now - stats.at > 1000) {
        const rows = database.db
          .execute(sql`SELECT kind, status, count(*)::int AS count, min(created_at)::text AS oldest FROM ${outbox} WHERE status IN ('pending', 'in_flight', 'dead') GROUP BY kind, status`)
          .then((result) => (result as unknown as { rows: { kind: string; status: string; count: number; oldest: string | null }[] }).rows);
        stats = { at: now, rows };
      }
      return stats.rows;
    }

    app.decorate('metrics', { registry });
    app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    });
  },
  { name: 'metrics', dependencies: ['deps', 'outbox'] },
);
