import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createInboxDispatcher } from './inbox.dispatcher';
import { createInboxRepository } from './inbox.repository';
import { createInboxService, type InboxService } from './inbox.service';

declare module 'fastify' {
  interface FastifyInstance {
    inbox: InboxService & { runOnce(): Promise<number> };
  }
}

/** The event inbox: transports record events here before acknowledging; the dispatcher hands them to modules. */
export const inboxPlugin = fp(
  async (app: FastifyInstance) => {
    const { database, clock, config } = app.deps;
    const repo = createInboxRepository({ db: database.db });
    const dispatcher = createInboxDispatcher({
      db: database.db,
      repo,
      clock,
      settings: { policy: { ...config.outbox.policy, maxAttempts: config.inbox.maxAttempts }, pollMs: config.inbox.pollMs, leaseMs: config.outbox.leaseMs, batchSize: 20 },
      log: app.log.child({ module: 'inbox' }),
    });
    app.decorate('inbox', { ...createInboxService({ repo, dispatcher, clock }), runOnce: dispatcher.runOnce });
    app.addHook('onReady', async () => dispatcher.start());
    app.addHook('preClose', async () => dispatcher.stop());
  },
  { name: 'inbox', dependencies: ['deps'] },
);
