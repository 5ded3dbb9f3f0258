import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { PoolLookup } from './outbox.pool';
import { createOutboxRepository, outboxChannel } from './outbox.repository';
import { createOutboxService, type OutboxService } from './outbox.service';
import { createOutboxWorker, type DeadLetterHook, type DeliveredHook, type OutboxWorker } from './outbox.worker';

declare module 'fastify' {
  interface FastifyInstance {
    outbox: OutboxService;
    outboxWorker: OutboxWorker;
  }
}

/** The outbox: modules enqueue DingTalk effects in their transactions; the worker delivers them. */
export const outboxPlugin = fp(
  async (app: FastifyInstance) => {
    const { database, dingtalk, cipher, clock, config } = app.deps;
    const repo = createOutboxRepository({ db: database.db });
    const hooks = new Map<string, DeliveredHook[]>();
    const deadHooks = new Map<string, DeadLetterHook[]>();
    const pools: { lookup: PoolLookup | null } = { lookup: null };
    const worker = createOutboxWorker({
      repo,
      client: dingtalk,
      cipher,
      clock,
      settings: config.outbox,
      log: app.log.child({ module: 'outbox' }),
      hooks,
      deadHooks,
      pools,
      transaction: (work) => database.db.transaction(work),
    });
    app.decorate('outboxWorker', worker);
    app.decorate('outbox', createOutboxService({ db: database.db, repo, audit: app.audit, clock, hooks, deadHooks, pools, wake: worker.wake }));
    if (config.outbox.worker) {
      let unlisten: (() => Promise<void>) | null = null;
      app.addHook('onReady', async () => {
        unlisten = await database.listen(outboxChannel, worker.wake);
        worker.start();
      });
      app.addHook('preClose', async () => {
        await unlisten?.();
        await worker.stop();
      });
    }
  },
  { name: 'outbox', dependencies: ['deps', 'audit'] },
);
