import type { Logger } from 'pino';
import type { Config } from './config';
import { accessProcessCode } from './dingtalk/sandbox/approvals/process-definitions';
import { demoGroupIds, demoSecurityLeadUserId, demoUserIds } from './dingtalk/sandbox/org-seed';
import { sandboxCardTemplateIds } from './dingtalk/sandbox/messaging/card-templates';
import { sandboxSceneGroupTemplateId } from './dingtalk/sandbox/messaging/scene-groups';
import type { DingTalkDirectory } from './platform/deps';

// Which DingTalk the server and the doctor talk to, from the configuration alone. Kept apart from
// runtime.ts so the doctor can use it without loading the HTTP app and the sandbox.

/** Configured groups and templates win; against the sandbox its demo groups and built-in templates fill the gaps. */
export function directoryOf(config: Config, isSandbox: boolean): DingTalkDirectory {
  const { groups, cardTemplates } = config.dingtalk;
  return {
    itOpsGroupId: groups.itOps ?? (isSandbox ? demoGroupIds['it-oncall'] : null),
    securityGroupId: groups.security ?? (isSandbox ? demoGroupIds.security : null),
    leadershipGroupId: groups.leadership ?? (isSandbox ? demoGroupIds.leadership : null),
    cardTemplates: {
      general: cardTemplates.general ?? (isSandbox ? sandboxCardTemplateIds.general : null),
      alert: cardTemplates.alert ?? (isSandbox ? sandboxCardTemplateIds.alert : null),
    },
    sceneGroupTemplateId: config.dingtalk.sceneGroupTemplateId ?? (isSandbox ? sandboxSceneGroupTemplateId : null),
    approvalProcessCode: config.dingtalk.approvalProcessCode ?? (isSandbox ? accessProcessCode : null),
    securityLeadUserId: config.access.securityLeadUserId ?? (isSandbox ? demoSecurityLeadUserId : null),
    demoUserIds: isSandbox ? Object.values(demoUserIds) : [],
  };
}

export function dingtalkOptions(config: Config, sandboxUrl: string | null, log: Logger | undefined) {
  const { clientId, clientSecret, corpId, agentId, timeoutMs } = config.dingtalk;
  const target = sandboxUrl
    ? { apiEndpoint: new URL(sandboxUrl).host, apiProtocol: 'http' as const, oapiBaseUrl: sandboxUrl }
    : { apiEndpoint: config.dingtalk.apiEndpoint, apiProtocol: 'https' as const, oapiBaseUrl: config.dingtalk.oapiUrl };
  return { clientId, clientSecret, corpId, agentId, timeoutMs, webhookThrottlePenaltyMs: config.outbox.throttlePenaltyMs, ...target, ...(log ? { log } : {}) };
}
