import { accessApprovalFormLabels } from '@dingops/shared/access';
import type { Config } from '../config';
import { createDingTalkClient } from '../dingtalk/client';
import { sandboxTenantDefaults } from '../sandbox';
import { createTenantReads, openStreamTicket } from '../dingtalk/tenant-reads';
import { dingtalkOptions, directoryOf } from '../dingtalk-settings';
import { check, failed, skipped, type CheckResult } from './doctor.checks';

// One harmless read per DingTalk API DingOps depends on. Fixes name the developer console's pages
// (开发者后台, open-dev.dingtalk.com) in Chinese, as an admin sees them.

const consoleApp = '开发者后台 → 应用开发 → 企业内部应用 → your app';

/** Where the doctor looks: live DingTalk, or the sandbox of a running DingOps (or DINGTALK_SANDBOX_URL). */
export function dingtalkTargetOf(config: Config): { sandboxUrl: string | null; label: string } {
  if (config.dingtalk.mode === 'live') return { sandboxUrl: null, label: `live DingTalk (${config.dingtalk.apiEndpoint}, ${config.dingtalk.oapiUrl})` };
  const sandboxUrl = config.sandbox.externalUrl ?? `http://${config.sandbox.host}:${config.sandbox.port}`;
  return { sandboxUrl, label: `the DingTalk sandbox at ${sandboxUrl}` };
}

export async function dingtalkChecks(config: Config): Promise<CheckResult[]> {
  const { sandboxUrl } = dingtalkTargetOf(config);
  const isSandbox = sandboxUrl !== null;
  const options = dingtalkOptions(config, sandboxUrl, undefined);
  const client = createDingTalkClient(options);
  const reads = createTenantReads({ settings: options, getAccessToken: () => client.getAccessToken() });
  const directory = directoryOf(config, isSandbox ? sandboxTenantDefaults : null);
  const robotCode = config.dingtalk.clientId;

  const token = await check(
    'Access token',
    isSandbox
      ? `start DingOps (npm start) so its sandbox answers at ${sandboxUrl}, or point DINGTALK_SANDBOX_URL at a running sandbox`
      : `check DINGTALK_CLIENT_ID (AppKey) and DINGTALK_CLIENT_SECRET (AppSecret) in ${consoleApp} → 凭证与基础信息, and that this machine reaches ${config.dingtalk.apiEndpoint}`,
    async () => {
      await client.getAccessToken();
      return `obtained for app ${config.dingtalk.clientId}`;
    },
  );
  const eventsCheck = await checkEvents(config, options.timeoutMs, sandboxUrl);
  if (token.status !== 'passed') {
    const blocked = ['Departments', 'Users', 'Card template (general)', 'Card template (alert)', 'Approval form', 'Robot', 'IT ops group', 'Security group', 'Leadership group'];
    return [token, ...blocked.map((name) => skipped(name, 'needs an access token')), eventsCheck];
  }

  const contactFix = `grant 通讯录只读权限 (contact read: 成员信息读权限, 通讯录部门信息读权限) in ${consoleApp} → 权限管理, and widen 通讯录范围 to the whole company`;
  const results: CheckResult[] = [token];
  results.push(
    await check('Departments', contactFix, async () => {
      const departments = await reads.listSubDepartments(1);
      return `topapi/v2/department/listsub answers: ${departments.length} departments under the root`;
    }),
  );
  results.push(await checkUsers(config, reads, client, contactFix));

  for (const purpose of ['general', 'alert'] as const) {
    const name = `Card template (${purpose})`;
    const variable = `DINGTALK_CARD_TEMPLATE_${purpose.toUpperCase()}`;
    const templateId = directory.cardTemplates[purpose];
    if (!templateId) {
      results.push(failed(name, `${variable} is not set → build the ${purpose} card in 卡片平台 (open-dev.dingtalk.com → 开放能力 → 卡片平台) binding the variables in the README, publish it, and set ${variable} to its id (…schema)`));
      continue;
    }
    results.push(
      await check(name, `check ${variable}: the template must exist in 卡片平台, be published, and belong to this app; the app needs 互动卡片 permissions (Card.Instance.Write, Card.Streaming.Write)`, async () => {
        const template = await reads.getCardTemplate(templateId);
        return `${template.templateId} (${template.name})`;
      }),
    );
  }

  const processCode = directory.approvalProcessCode;
  results.push(
    processCode
      ? await check('Approval form', `check DINGTALK_APPROVAL_PROCESS_CODE: 审批 (OA审批) → 管理后台 → the form 权限变更申请 → its processCode (PROC-…); the app needs 审批 read/write (工作流) permissions`, async () => {
          const form = await reads.getApprovalForm(processCode);
          // DingTalk matches the values DingOps sends by label: a missing one would be dropped.
          const missing = Object.values(accessApprovalFormLabels).filter((label) => !form.fieldLabels.includes(label));
          if (missing.length > 0) throw new Error(`the form ${processCode} ("${form.name}") lacks the fields ${missing.join('、')} — add them with exactly these labels (README "Access governance")`);
          return `${processCode} is "${form.name}" with every field DingOps fills (${form.fieldLabels.join('、')})`;
        })
      : failed('Approval form', 'DINGTALK_APPROVAL_PROCESS_CODE is not set → create a form like 权限变更申请 in 审批 (OA审批) → 管理后台 and set its processCode (PROC-…)'),
  );

  results.push(
    await check('Robot', `enable the robot (机器人) capability in ${consoleApp} → 应用能力 → 机器人, publish it, and grant 企业内机器人发送消息权限; its robotCode is the AppKey`, async () => {
      const groups = await reads.listRobotGroups(robotCode);
      return `robotCode ${robotCode} answers; it is in ${groups.openConversationIds.length}${groups.hasMore ? '+' : ''} group(s)`;
    }),
  );

  const groups = [
    { name: 'IT ops group', variable: 'DINGTALK_IT_GROUP_ID', id: directory.itOpsGroupId, required: true },
    { name: 'Security group', variable: 'DINGTALK_SECURITY_GROUP_ID', id: directory.securityGroupId, required: false },
    { name: 'Leadership group', variable: 'DINGTALK_LEADERSHIP_GROUP_ID', id: directory.leadershipGroupId, required: false },
  ];
  for (const group of groups) {
    if (!group.id) {
      results.push(group.required ? failed(group.name, `${group.variable} is not set → set it to the group's openConversationId (cid…)`) : skipped(group.name, `${group.variable} is not set (optional)`));
      continue;
    }
    const groupId = group.id;
    results.push(
      await check(group.name, `check ${group.variable} (the group's openConversationId) and that the app's robot is in the group`, async () => {
        const robots = await reads.listGroupRobots(groupId);
        if (!robots.some((robot) => robot.robotCode === robotCode)) {
          return failed(group.name, `the app's robot (${robotCode}) is not in ${groupId} → in the group: 群设置 → 机器人 → 添加机器人 → your app's robot`);
        }
        return `the app's robot is in ${groupId}`;
      }),
    );
  }
  results.push(eventsCheck);
  return results;
}

async function checkUsers(config: Config, reads: ReturnType<typeof createTenantReads>, client: ReturnType<typeof createDingTalkClient>, fix: string): Promise<CheckResult> {
  const admins = config.auth.adminUserIds;
  return check('Users', admins.length > 0 ? `${fix}; check ADMIN_USER_IDS holds DingTalk user ids (通讯录 → 成员 → userid), not names or mobiles` : fix, async () => {
    if (admins.length > 0) {
      const names = [];
      for (const userId of admins) names.push(`${userId} ${(await client.getUserProfile(userId)).name}`);
      return `topapi/v2/user/get answers for every ADMIN_USER_IDS entry (${names.join(', ')})`;
    }
    const userId = await findAnyUserId(reads);
    if (!userId) return failed('Users', `no member found in the root department or its children → ${fix}`);
    return `topapi/v2/user/get answers (${userId} ${(await client.getUserProfile(userId)).name}); set ADMIN_USER_IDS to name the first IT admins`;
  });
}

async function findAnyUserId(reads: ReturnType<typeof createTenantReads>): Promise<string | null> {
  const [first] = await reads.listUserIds(1);
  if (first) return first;
  for (const department of await reads.listSubDepartments(1)) {
    const [member] = await reads.listUserIds(department.id);
    if (member) return member;
  }
  return null;
}

async function checkEvents(config: Config, timeoutMs: number, sandboxUrl: string | null): Promise<CheckResult> {
  const { transport } = config.dingtalk.events;
  if (transport === 'off') return skipped('Events', 'DINGTALK_EVENT_TRANSPORT=off: DingOps receives no approvals, org changes, robot messages or card clicks');
  if (transport === 'http') {
    const url = `${config.server.publicUrl.replace(/\/$/, '')}/dingtalk/callback`;
    return skipped('Events', `HTTP callback: set ${url} with DINGTALK_CALLBACK_TOKEN and DINGTALK_CALLBACK_AES_KEY in ${consoleApp} → 事件订阅; DingTalk checks the URL itself when you save it`);
  }
  const url = sandboxUrl ? `${sandboxUrl}/v1.0/gateway/connections/open` : config.dingtalk.events.streamOpenUrl;
  const fix = sandboxUrl
    ? `start DingOps (npm start) so its sandbox answers at ${sandboxUrl}, or point DINGTALK_SANDBOX_URL at a running sandbox`
    : `in ${consoleApp} → 事件订阅, choose Stream 模式推送 and subscribe to the events in the README; check that this machine reaches ${new URL(url).host}`;
  return check('Events (Stream)', fix, async () => {
    await openStreamTicket({ url, clientId: config.dingtalk.clientId, clientSecret: config.dingtalk.clientSecret, timeoutMs });
    return `the Stream gateway hands out a connection (${new URL(url).host}); nothing was connected`;
  });
}
