import { randomBytes, randomUUID } from 'node:crypto';

// The Stream protocol's frames as DingTalk's gateway writes them (developerpedia protocol page):
// downstream `{specVersion, type, headers, data}` with `data` a JSON string, upstream ACKs
// `{code, headers: {messageId, contentType}, message, data}`.

export type FrameType = 'SYSTEM' | 'EVENT' | 'CALLBACK';

export interface DownstreamFrame {
  specVersion: '1.0';
  type: FrameType;
  headers: Record<string, string>;
  data: string;
}

export interface UpstreamFrame {
  code: number;
  headers: { messageId?: string; contentType?: string; [key: string]: unknown };
  message?: string;
  data?: string;
}

export interface Subscription {
  type: string;
  topic: string;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Frame ids look like DingTalk's, e.g. '213d841d_972_1898bb26334_70a7'. */
export function newMessageId(now: number): string {
  return `${hex(4)}_${hex(2).slice(0, 3)}_${now.toString(16)}_${hex(2)}`;
}

/** Event ids are 32 hex characters. */
export function newEventId(): string {
  return hex(16);
}

export function pingFrame(now: number): DownstreamFrame {
  return {
    specVersion: '1.0',
    type: 'SYSTEM',
    headers: { topic: 'ping', messageId: newMessageId(now), contentType: 'application/json', time: String(now) },
    data: JSON.stringify({ opaque: randomUUID() }),
  };
}

export function disconnectFrame(now: number, reason: string): DownstreamFrame {
  return {
    specVersion: '1.0',
    type: 'SYSTEM',
    headers: { topic: 'disconnect', messageId: newMessageId(now), contentType: 'application/json', time: String(now) },
    data: JSON.stringify({ reason }),
  };
}

export function eventFrame(input: { now: number; eventId: string; eventType: string; corpId: string; bornAt: number; unifiedAppId: string; data: unknown }): DownstreamFrame {
  return {
    specVersion: '1.0',
    type: 'EVENT',
    headers: {
      topic: '*',
      messageId: newMessageId(input.now),
      contentType: 'application/json',
      time: String(input.now),
      eventType: input.eventType,
      eventId: input.eventId,
      eventCorpId: input.corpId,
      eventBornTime: String(input.bornAt),
      eventUnifiedAppId: input.unifiedAppId,
    },
    data: JSON.stringify(input.data),
  };
}

export function callbackFrame(input: { now: number; topic: string; appId: string; connectionId: string; data: unknown }): DownstreamFrame {
  return {
    specVersion: '1.0',
    type: 'CALLBACK',
    headers: {
      appId: input.appId,
      connectionId: input.connectionId,
      contentType: 'application/json',
      messageId: newMessageId(input.now),
      time: String(input.now),
      topic: input.topic,
    },
    data: JSON.stringify(input.data),
  };
}

/** An upstream frame, or null when the client sent something else. */
export function parseUpstream(raw: string): UpstreamFrame | null {
  try {
    const frame = JSON.parse(raw) as unknown;
    if (typeof frame !== 'object' || frame === null || typeof (frame as UpstreamFrame).code !== 'number') return null;
    const headers = (frame as UpstreamFrame).headers;
    return typeof headers === 'object' && headers !== null ? (frame as UpstreamFrame) : null;
  } catch {
    return null;
  }
}

/** The JSON inside an ACK's `data`, or null. */
export function parseAckData(frame: UpstreamFrame): Record<string, unknown> | null {
  if (typeof frame.data !== 'string') return null;
  try {
    const data = JSON.parse(frame.data) as unknown;
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
