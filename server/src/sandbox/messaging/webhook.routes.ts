import type { FastifyPluginAsync } from 'fastify';
import { isValidWebhookSign, webhookSignatureToleranceMs } from '../../dingtalk/webhook-robot-sign';
import { oapiFailure } from '../replies';
import type { SandboxState } from '../state';
import { contentOfWebhookBody, mentionsOf, visibleText } from './message-content';
import { limitOf } from './messaging-state';

// The custom group robot webhook, checked in DingTalk's order: token, lockout, signature, body,
// size, keywords, rate. Every answer is HTTP 200; only the errcode tells success from failure.

/** Bodies over 20,000 bytes are refused with 460101. */
const maxBodyBytes = 20_000;

const ok = () => ({ errcode: 0, errmsg: 'ok' });
const tooFast = () => oapiFailure(130101, 'send too fast, exceed 20 times per minute');

type ParsedBody = { json: Record<string, unknown> | null; bytes: number };

export const webhookRoutes: FastifyPluginAsync<{ state: SandboxState }> = async (app, { state }) => {
  const { messaging } = state;

  // The size cap is on the bytes sent, so this route reads the body itself.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    let json: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
      json = null;
    }
    done(null, { json, bytes: Buffer.byteLength(text) } satisfies ParsedBody);
  });

  app.post<{ Querystring: { access_token?: string; timestamp?: string; sign?: string } }>('/robot/send', async (request) => {
    const { access_token: token, timestamp, sign } = request.query;
    const robot = token ? messaging.robots.byAccessToken(token) : undefined;
    if (!robot) return oapiFailure(300001, 'token is not exist');
    if (messaging.limiter.isLocked(robot.key)) return tooFast();

    if (robot.secret) {
      if (!timestamp || !/^\d{1,16}$/.test(timestamp) || Math.abs(state.now() - Number(timestamp)) > webhookSignatureToleranceMs) {
        messaging.limiter.refuse(robot.key, 'signature');
        return oapiFailure(310000, 'invalid timestamp');
      }
      if (!sign || !isValidWebhookSign(robot.secret, timestamp, sign)) {
        messaging.limiter.refuse(robot.key, 'signature');
        return oapiFailure(310000, 'sign not match');
      }
    }

    const { json, bytes } = (request.body ?? { json: null, bytes: 0 }) as ParsedBody;
    if (!json) {
      messaging.limiter.refuse(robot.key, 'invalid');
      return oapiFailure(40035, '缺少参数 json');
    }
    const checked = contentOfWebhookBody(json);
    if (!checked.ok) {
      messaging.limiter.refuse(robot.key, 'invalid');
      return oapiFailure(40035, `不合法的参数: ${checked.field}`);
    }
    if (bytes > maxBodyBytes) {
      messaging.limiter.refuse(robot.key, 'too_long');
      return oapiFailure(460101, `message too long, exceed ${maxBodyBytes} bytes`);
    }
    if (robot.keywords.length > 0 && !robot.keywords.some((keyword) => visibleText(checked.content).includes(keyword))) {
      messaging.limiter.refuse(robot.key, 'keyword');
      return oapiFailure(310000, 'keywords not in content');
    }

    if (!messaging.limiter.admit(robot.key, limitOf(robot)).accepted) return tooFast();
    for (const conversationId of robot.conversationIds) {
      messaging.timeline.addMessage({
        conversationId,
        sender: { kind: 'robot', robotKey: robot.key, name: robot.name },
        via: 'webhook',
        content: checked.content,
        mentions: json.msgtype === 'text' || json.msgtype === 'markdown' ? mentionsOf(json.at) : undefined,
      });
    }
    return ok();
  });
};
