import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../server/src/sandbox';
import { testApp } from './sandbox-fixture';

/** A sandbox on a free port hosting the test app, with any messaging options a test needs. */
export function startMessagingSandbox(options: Partial<StartSandboxOptions> = {}): Promise<RunningSandbox> {
  return startSandbox({ host: '127.0.0.1', port: 0, ...testApp, ...options });
}

/** Call the sandbox's own JSON API and read the answer, whatever its status. */
export async function sandboxApi<T = Record<string, unknown>>(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; contentType: string }> {
  const response = await fetch(`${sandbox.url}/sandbox/api${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, contentType: response.headers.get('content-type') ?? '' };
}

/** A custom robot's webhook URL and secret, as DingOps is configured with them. */
export function webhookRobot(sandbox: RunningSandbox, key: string): { webhookUrl: string; secret: string } {
  const robot = sandbox.state.messaging.robots.get(key);
  if (!robot?.accessToken || !robot.secret) throw new Error(`no signed webhook robot ${key}`);
  return { webhookUrl: `${sandbox.url}/robot/send?access_token=${robot.accessToken}`, secret: robot.secret };
}

export interface ConversationItem {
  kind: 'message' | 'card';
  sender: { kind: string; name: string };
  via?: string;
  msgtype?: string;
  title?: string | null;
  text?: string;
  mentions?: { userIds: string[]; names: string[] };
  outTrackId?: string;
  cardParamMap?: Record<string, string>;
  render?: { title: string; buttons: { id: string; text: string; params: Record<string, string> }[] };
  atNames?: string[];
  updates?: { source: string; cardParamMap: Record<string, string> }[];
}

export async function conversationItems(sandbox: RunningSandbox, conversationId: string, viewerId?: string): Promise<ConversationItem[]> {
  const query = viewerId ? `?viewerId=${encodeURIComponent(viewerId)}` : '';
  const { body } = await sandboxApi<{ items: ConversationItem[] }>(sandbox, 'GET', `/conversations/${encodeURIComponent(conversationId)}/messages${query}`);
  return body.items;
}
