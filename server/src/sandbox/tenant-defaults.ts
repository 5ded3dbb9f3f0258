import { accessProcessCode } from './approvals/process-definitions';
import { sandboxCardTemplateIds } from './messaging/card-templates';
import { sandboxSceneGroupTemplateId } from './messaging/scene-groups';
import { demoGroupIds, demoSecurityLeadUserId, demoUserIds } from './org-seed';

/**
 * What a real tenant's operator configures (groups, templates, the approval form, the security lead),
 * as the sandbox's demo company has it: DingOps fills the settings left unset from this against the sandbox.
 */
export const sandboxTenantDefaults = {
  groups: { itOps: demoGroupIds['it-oncall'], security: demoGroupIds.security, leadership: demoGroupIds.leadership },
  cardTemplates: { general: sandboxCardTemplateIds.general, alert: sandboxCardTemplateIds.alert },
  sceneGroupTemplateId: sandboxSceneGroupTemplateId,
  approvalProcessCode: accessProcessCode,
  securityLeadUserId: demoSecurityLeadUserId,
  demoUserIds: Object.values(demoUserIds),
} as const;

export type SandboxTenantDefaults = typeof sandboxTenantDefaults;
