import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { demoRoleHints, type DemoRoleHint } from './demo-roles';
import type { SandboxEventOptions } from './events/event-settings';
import type { FaultInput } from './faults/fault-settings';
import type { RateLimitSettings } from './messaging/rate-limiter';
import { createSandboxState, type SandboxState } from './state';

// The DingTalk sandbox: a local stand-in for the DingTalk open platform on its own port. This is
// its one public entry point: nothing outside server/src/sandbox imports another file of it. It
// loads the sandbox's HTTP app only when one is built, so the doctor can read the demo company's
// ids from here without loading Fastify and every route.

export { createSandboxState, type SandboxApp, type SandboxState } from './state';
export { demoRoleHints, demoOnCallUserId, type DemoGrantedRole, type DemoRoleHint } from './demo-roles';
export { demoCorpName, demoDepartmentIds, demoGroupIds, demoUserIds, createDemoOrgSeed } from './org-seed';
export type { EventBusSettings, EventDeliveryConfig, SandboxEventOptions } from './events/event-settings';
export type { DeliveryAttempt, DeliveryStatus, EventRecord } from './events/event-records';
export { accessProcessCode } from './approvals/process-definitions';
export { sandboxCardTemplateIds, sandboxCardTemplates } from './messaging/card-templates';
export { sandboxSceneGroupTemplateId } from './messaging/scene-groups';
export { dingTalkRateLimit, type RateLimitSettings } from './messaging/rate-limiter';
export type { FaultInput, FaultSettings } from './faults/fault-settings';
export { enterpriseRobotKey, type SandboxRobot } from './messaging/robots';
export { sandboxTenantDefaults, type SandboxTenantDefaults } from './tenant-defaults';
export type { OapiDepartmentDetail, OapiDepartmentSummary, OapiUserDetail, OapiUserListItem, OapiUserPage } from './wire';

/** The sandbox as a Fastify app, not yet listening: tests may `inject` into it. */
export async function buildSandboxApp(options: { state: SandboxState; log?: Logger }): Promise<FastifyInstance> {
  const { buildSandboxApp: build } = await import('./app');
  return build(options);
}

export interface StartSandboxOptions {
  /** Interface to listen on, e.g. '127.0.0.1'. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The DingOps app the sandbox hosts; the client must use the same credentials. */
  clientId: string;
  clientSecret: string;
  corpId: string;
  agentId: string;
  log?: Logger;
  /** Clock for token and auth-code lifetimes; tests may pass their own. */
  now?: () => number;
  /** How events and callbacks reach the app (Stream, HTTP or both) and their timeouts. */
  eventDelivery?: SandboxEventOptions;
  /** Custom robots' per-robot window and lockout; DingTalk's are 60 s and 600 s. Tests shrink both. */
  rateLimit?: Partial<RateLimitSettings>;
  /** Faults in force from the start: errors, latency, throttling, dropped connections. None by default. */
  faults?: FaultInput;
  /** The DingOps micro-app (e.g. http://localhost:3000) the console opens with `?loginAs=<userId>`. */
  miniappUrl?: string | null;
}

export interface RunningSandbox {
  /** Base URL, e.g. 'http://127.0.0.1:3001': the oapi base URL, and the v1.0 host for the SDK. */
  url: string;
  port: number;
  state: SandboxState;
  /** DingOps role grants for the demo people, for the server to seed in sandbox mode. */
  demoRoleHints: readonly DemoRoleHint[];
  close(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const { clientId, clientSecret, corpId, agentId } = options;
  const state = createSandboxState({ app: { clientId, clientSecret, corpId, agentId }, now: options.now, eventDelivery: options.eventDelivery, log: options.log, rateLimit: options.rateLimit, faults: options.faults, miniappUrl: options.miniappUrl });
  const app = await buildSandboxApp({ state, log: options.log });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    throw error;
  }

  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const url = `http://${hostForUrl(options.host)}:${port}`;
  options.log?.info({ url, corpId }, 'Started DingTalk sandbox');

  return { url, port, state, demoRoleHints, close: () => app.close() };
}

/** A wildcard listen address is reachable on loopback; IPv6 literals need brackets in URLs. */
function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
