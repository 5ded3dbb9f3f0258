import Fastify, { type FastifyInstance } from 'fastify';
import { createCallbackCrypto, isCallbackCryptoError } from '../../../server/src/dingtalk/callback-crypto';
import { verifyRobotRequest } from '../../../server/src/dingtalk/robot-signature';
import { testApp } from './sandbox-fixture';

/** Callback token and EncodingAESKey of the test app, as an admin would set them in the console. */
export const callbackSecrets = { token: 'dingops-test-token', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };

export interface ReceivedPush {
  query: Record<string, string>;
  body: unknown;
  /** The decrypted event, or why it was refused. */
  plain: Record<string, unknown> | null;
  refused: string | null;
}

/**
 * A tiny app-side receiver for the sandbox's HTTP pushes, built on the real callback crypto:
 * `/dingtalk/callback` decrypts events and answers the sealed "success", `/dingtalk/robot`
 * checks the robot signature, `/dingtalk/card` checks the same signature and answers a card update. `failNext` makes the next
 * event push fail with HTTP 500.
 */
export async function startCallbackReceiver({ cardResponse = null as unknown } = {}) {
  const crypto = createCallbackCrypto({ ...callbackSecrets, ownerKey: testApp.clientId });
  const events: ReceivedPush[] = [];
  const robotMessages: { headers: Record<string, unknown>; body: unknown; signature: string }[] = [];
  const cardClicks: unknown[] = [];
  const control = { failNext: 0, badReply: false };
  const app: FastifyInstance = Fastify({ logger: false });

  app.post('/dingtalk/callback', async (request, reply) => {
    const query = request.query as Record<string, string>;
    const body = request.body as { encrypt?: string };
    const push: ReceivedPush = { query, body, plain: null, refused: null };
    events.push(push);
    if (control.failNext > 0) {
      control.failNext -= 1;
      return reply.status(500).send({ error: 'busy' });
    }
    try {
      push.plain = JSON.parse(crypto.decrypt({ encrypt: body.encrypt ?? '', signature: query.msg_signature ?? query.signature ?? '', timestamp: query.timestamp ?? query.timeStamp ?? '', nonce: query.nonce ?? '' }));
    } catch (error) {
      push.refused = isCallbackCryptoError(error) ? error.reason : String(error);
      return reply.status(403).send({ error: push.refused });
    }
    const sealed = crypto.replySuccess();
    return control.badReply ? { ...sealed, msg_signature: '0'.repeat(40) } : sealed;
  });

  app.post('/dingtalk/robot', async (request, reply) => {
    const { timestamp, sign } = request.headers as { timestamp?: string; sign?: string };
    const check = verifyRobotRequest({ appSecret: testApp.clientSecret, timestamp, sign });
    robotMessages.push({ headers: request.headers, body: request.body, signature: check.valid ? 'valid' : check.reason });
    return check.valid ? {} : reply.status(403).send({});
  });

  app.post('/dingtalk/card', async (request, reply) => {
    const { timestamp, sign } = request.headers as { timestamp?: string; sign?: string };
    cardClicks.push(request.body);
    return verifyRobotRequest({ appSecret: testApp.clientSecret, timestamp, sign }).valid ? (cardResponse ?? {}) : reply.status(403).send({});
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url, crypto, events, robotMessages, cardClicks, control, close: () => app.close() };
}

export type CallbackReceiver = Awaited<ReturnType<typeof startCallbackReceiver>>;
