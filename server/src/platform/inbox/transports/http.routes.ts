import { randomBytes } from 'node:crypto';
import { lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CallbackCrypto, createCallbackCrypto, isCallbackCryptoError } from '../../../dingtalk/callback-crypto';
import { verifyRobotRequest } from '../../../dingtalk/robot-signature';
import { cardCallbackTopic, robotMessageTopic } from '../../../dingtalk/stream';
import { DomainError } from '../../errors/domain-error';
import type { InboxService } from '../inbox.service';
import { callbackNonces } from './callback-nonces.table';
import { httpCardCallbackKey, httpEventKey, robotMessageKey } from './event-keys';
import { callbackRejected, callbackReplayed, callbackStale } from './http.errors';
import { toCamelCaseKeys } from './payload-shape';

const callbackQuerySchema = z
  .object({
    msg_signature: z.string().optional(),
    signature: z.string().optional(),
    timestamp: z.string().regex(/^\d+$/).optional(),
    timeStamp: z.string().regex(/^\d+$/).optional(),
    nonce: z.string().min(1).max(64),
  })
  .refine((query) => query.msg_signature ?? query.signature, { message: 'msg_signature is required', path: ['msg_signature'] })
  .refine((query) => query.timestamp ?? query.timeStamp, { message: 'timestamp is required', path: ['timestamp'] });

/** The three URLs DingTalk pushes to in HTTP mode, as saved in the developer console (事件订阅, 机器人, 卡片回调). */
export const callbackPaths = { events: '/dingtalk/callback', robot: '/dingtalk/robot', cards: '/dingtalk/cards' } as const;

const encryptedBodySchema = z.object({ encrypt: z.string().min(1).max(1_000_000) });
const jsonObject = z.record(z.string(), z.unknown());

/**
 * DingTalk's HTTP callback (encrypted events), the robot message URL and the card callback URL. Each
 * verifies the sender, records the message in the inbox, and only then answers.
 */
export async function httpTransportRoutes(app: FastifyInstance) {
  const { config, clock, database } = app.deps;
  const events = config.dingtalk.events;
  const crypto: CallbackCrypto = createCallbackCrypto({ token: events.callbackToken, aesKey: events.callbackAesKey, ownerKey: events.ownerKey });
  const inbox: InboxService = app.inbox;
  const typed = app.withTypeProvider<ZodTypeProvider>();

  function checkFreshness(timestamp: string) {
    if (Math.abs(clock().getTime() - Number(timestamp)) > events.maxSkewMs) throw callbackStale();
  }

  let lastPrune = 0;
  /** True when the nonce is new; old nonces are forgotten (at most once a minute) once outside the skew window. */
  async function rememberNonce(nonce: string, timestamp: string): Promise<boolean> {
    const now = clock();
    if (now.getTime() - lastPrune > 60_000) {
      lastPrune = now.getTime();
      await database.db.delete(callbackNonces).where(lt(callbackNonces.seenAt, new Date(now.getTime() - 2 * events.maxSkewMs)));
    }
    const inserted = await database.db.insert(callbackNonces).values({ nonce: `${timestamp}:${nonce}`, seenAt: now }).onConflictDoNothing().returning({ nonce: callbackNonces.nonce });
    return inserted.length > 0;
  }

  typed.post(callbackPaths.events, {
    config: { access: 'public' },
    schema: { hide: true, querystring: callbackQuerySchema, body: encryptedBodySchema },
    handler: async (request) => {
      const query = request.query;
      const timestamp = (query.timestamp ?? query.timeStamp) as string;
      checkFreshness(timestamp);
      const plaintext = decryptOrReject(crypto, { encrypt: request.body.encrypt, signature: (query.msg_signature ?? query.signature) as string, timestamp, nonce: query.nonce });
      const payload = toCamelCaseKeys(parseJson(plaintext));
      const eventType = String(payload.eventType ?? 'unknown');
      const isFresh = await rememberNonce(query.nonce, timestamp);
      if (eventType !== 'check_url' && eventType !== 'check_create_suite_url') {
        const key = httpEventKey(plaintext);
        // A repeated nonce is only acceptable as DingTalk resending a request we already recorded.
        if (!isFresh && !(await inbox.findByKey(key))) throw callbackReplayed();
        await inbox.receive({ eventKey: key, transport: 'http', kind: 'event', topic: eventType, payload });
      }
      return crypto.replySuccess({ timestamp: String(clock().getTime()), nonce: randomNonce() });
    },
  });

  typed.post(callbackPaths.robot, {
    config: { access: 'public' },
    schema: { hide: true, body: jsonObject },
    handler: async (request) => {
      verifyAppSignature(request.headers, config.dingtalk.clientSecret, clock());
      const payload = request.body;
      await inbox.receive({ eventKey: robotMessageKey(payload, request.id), transport: 'http', kind: 'callback', topic: robotMessageTopic, payload });
      return {};
    },
  });

  typed.post(callbackPaths.cards, {
    config: { access: 'public' },
    schema: { hide: true, body: jsonObject },
    handler: async (request) => {
      verifyAppSignature(request.headers, config.dingtalk.clientSecret, clock());
      await inbox.receive({ eventKey: httpCardCallbackKey(JSON.stringify(request.body), headerOf(request.headers, 'timestamp') ?? ''), transport: 'http', kind: 'callback', topic: cardCallbackTopic, payload: request.body });
      // The card is updated through the outbox once the click is handled; nothing to change in the reply.
      return {};
    },
  });
}

function decryptOrReject(crypto: CallbackCrypto, input: { encrypt: string; signature: string; timestamp: string; nonce: string }): string {
  try {
    return crypto.decrypt(input);
  } catch (error) {
    if (isCallbackCryptoError(error)) throw callbackRejected(error.reason);
    throw error;
  }
}

function verifyAppSignature(headers: Record<string, string | string[] | undefined>, appSecret: string, now: Date) {
  const check = verifyRobotRequest({ appSecret, timestamp: headerOf(headers, 'timestamp'), sign: headerOf(headers, 'sign'), now: now.getTime() });
  if (!check.valid) throw callbackRejected(check.reason);
}

const headerOf = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new DomainError('dingtalk.callback_malformed', 'invalid', 'The decrypted callback is not a JSON object');
}

const randomNonce = () => randomBytes(6).toString('hex');
