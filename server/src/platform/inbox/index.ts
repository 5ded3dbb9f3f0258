import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createInboxDispatcher } from './inbox.dispatcher';
import { createInboxRepository } from './inbox.repository';
import { createInboxService, type InboxService } from './inbox.service';
import { httpTransportRoutes } from './transports/http.routes';
import { connectStream } from './transports/stream';

declare module 'fastify' {
  interface FastifyInstance {
    inbox: InboxService & {
      runOnce(): Promise<number>;
      /** Resolves once the Stream connection is up (at once when events do not come by Stream). */
      whenConnected(): Promise<void>;
    };
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
    let streamReady: Promise<void> = Promise.resolve();
    app.decorate('inbox', { ...createInboxService({ repo, dispatcher, clock }), runOnce: dispatcher.runOnce, whenConnected: () => streamReady });
    if (config.inbox.dispatcher) {
      app.addHook('onReady', async () => dispatcher.start());
      app.addHook('preClose', async () => dispatcher.stop());
    }

    await app.register(httpTransportRoutes);
    const { streamOpenUrl } = app.deps;
    if (config.dingtalk.events.transport === 'stream' && streamOpenUrl) {
      let stream: ReturnType<typeof connectStream> | null = null;
      app.addHook('onReady', async () => {
        stream = connectStream(app, streamOpenUrl);
        streamReady = stream.connected();
        // A failed first connection is retried by the transport; only callers that wait see it.
        streamReady.catch(() => undefined);
      });
      app.addHook('preClose', async () => stream?.close());
    }
  },
  { name: 'inbox', dependencies: ['deps'] },
);
