import type { Logger } from 'pino';
import { createApprovalEngine, type ApprovalEngine } from './approvals/approval-engine';
import { createAuthCodeStore, type AuthCodeStore } from './auth-codes';
import { createEventBus, type EventBus } from './events/event-bus';
import type { SandboxEventOptions } from './events/event-settings';
import { createFaultStore, type FaultInput, type FaultStore } from './faults/fault-settings';
import { createMessagingState, type MessagingState } from './messaging/messaging-state';
import { createSandboxAlertmanager, type SandboxAlertmanager } from './monitoring/alertmanager';
import type { RateLimitSettings } from './messaging/rate-limiter';
import { createRobotSessions, type RobotSessions } from './events/robot-sessions';
import { createOrgDirectory, type OrgDirectory, type OrgSeed } from './org';
import { createDemoOrgSeed } from './org-seed';
import { createRequestLog, type RequestLog } from './request-log';
import { createTokenStore, type TokenStore } from './tokens';
import type { SandboxApp } from './types';

export type { SandboxApp } from './types';

/**
 * Everything the sandbox knows, apart from its HTTP routes: the org, issued tokens and codes and
 * the traffic it saw. In memory; a restart gives a fresh demo company. Later steps add messages,
 * cards, approvals and event subscriptions as further stores here.
 */
export interface SandboxState {
  app: SandboxApp;
  org: OrgDirectory;
  tokens: TokenStore;
  authCodes: AuthCodeStore;
  requests: RequestLog;
  /** Events and callbacks pushed to the app over Stream and/or HTTP, with their delivery record. */
  events: EventBus;
  /** The approval app: templates, instances and their tasks. */
  approvals: ApprovalEngine;
  /** Reply URLs (sessionWebhook) handed out with robot messages. */
  robotSessions: RobotSessions;
  /** Robots, group chats, cards and work notifications, with per-robot message counts. */
  messaging: MessagingState;
  /** Injected errors, latency, throttling and dropped connections. */
  faults: FaultStore;
  /** The company's monitoring as the demo needs it: an Alertmanager that fires sample alerts at DingOps. */
  alertmanager: SandboxAlertmanager;
  /** The DingOps micro-app the console's phone frame opens (`?loginAs=<userId>`), if known. */
  miniappUrl: string | null;
  now: () => number;
}

export function createSandboxState({
  app,
  seed = createDemoOrgSeed(),
  now = Date.now,
  eventDelivery: eventOptions = {},
  log,
  rateLimit,
  faults,
  miniappUrl = null,
}: {
  app: SandboxApp;
  seed?: OrgSeed;
  now?: () => number;
  eventDelivery?: SandboxEventOptions;
  log?: Logger;
  /** Custom robots' window and penalty; DingTalk's are 60 s and 600 s. */
  rateLimit?: Partial<RateLimitSettings>;
  /** Faults in force from the start (none by default). */
  faults?: FaultInput;
  miniappUrl?: string | null;
}): SandboxState {
  const sandboxApp = { ...app };
  const org = createOrgDirectory(seed);
  const events = createEventBus({ app: sandboxApp, now, settings: eventOptions.settings, delivery: eventOptions.delivery, log });
  return {
    app: sandboxApp,
    org,
    events,
    approvals: createApprovalEngine({ app: sandboxApp, org, events, now }),
    robotSessions: createRobotSessions({ now, lifetimeMs: eventOptions.sessionWebhookLifetimeMs }),
    tokens: createTokenStore({ now }),
    authCodes: createAuthCodeStore({ now }),
    requests: createRequestLog({ now }),
    messaging: createMessagingState({ app: sandboxApp, org, now, rateLimit }),
    faults: createFaultStore({ now, initial: faults }),
    alertmanager: createSandboxAlertmanager({ now }),
    miniappUrl,
    now,
  };
}
