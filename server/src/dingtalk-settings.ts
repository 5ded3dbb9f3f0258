import type { Logger } from 'pino';
import type { Config } from './config';
import type { DingTalkDirectory } from './platform/deps';

// Which DingTalk the server and the doctor talk to, from the configuration alone. Kept apart from
// runtime.ts so the doctor can use it without loading the HTTP app and the sandbox.

/** What the sandbox's demo company has where a live tenant has settings (the sandbox exports it). */
export interface TenantDefaults {
  groups: { itOps: string; security: string; leadership: string };
  cardTemplates: { general: string; alert: string };
  sceneGroupTemplateId: string;
  approvalProcessCode: string;
  securityLeadUserId: string;
  demoUserIds: readonly string[];
}

/** Configured groups and templates win; against the sandbox its demo groups and built-in templates fill the gaps. */
export function directoryOf(config: Config, sandbox: TenantDefaults | null): DingTalkDirectory {
  const { groups, cardTemplates } = config.dingtalk;
  return {
    itOpsGroupId: groups.itOps ?? sandbox?.groups.itOps ?? null,
    securityGroupId: groups.security ?? sandbox?.groups.security ?? null,
    leadershipGroupId: groups.leadership ?? sandbox?.groups.leadership ?? null,
    cardTemplates: {
      general: cardTemplates.general ?? sandbox?.cardTemplates.general ?? null,
      alert: cardTemplates.alert ?? sandbox?.cardTemplates.alert ?? null,
    },
    sceneGroupTemplateId: config.dingtalk.sceneGroupTemplateId ?? sandbox?.sceneGroupTemplateId ?? null,
    approvalProcessCode: config.dingtalk.approvalProcessCode ?? sandbox?.approvalProcessCode ?? null,
    securityLeadUserId: config.access.securityLeadUserId ?? sandbox?.securityLeadUserId ?? null,
    demoUserIds: sandbox ? [...sandbox.demoUserIds] : [],
  };
}

export function dingtalkOptions(config: Config, sandboxUrl: string | null, log: Logger | undefined) {
  const { clientId, clientSecret, corpId, agentId, timeoutMs } = config.dingtalk;
  const target = sandboxUrl
    ? { apiEndpoint: new URL(sandboxUrl).host, apiProtocol: 'http' as const, oapiBaseUrl: sandboxUrl }
    : { apiEndpoint: config.dingtalk.apiEndpoint, apiProtocol: 'https' as const, oapiBaseUrl: config.dingtalk.oapiUrl };
  return { clientId, clientSecret, corpId, agentId, timeoutMs, webhookThrottlePenaltyMs: config.outbox.throttlePenaltyMs, ...target, ...(log ? { log } : {}) };
}
