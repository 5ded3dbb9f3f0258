import { randomBytes } from 'node:crypto';
import type { OrgDirectory, SandboxGroup } from '../org';
import type { RobotDirectory } from './robots';
import { enterpriseRobotKey } from './robots';

/** The sandbox's one scene-group template (作战群), whose robot is the app's enterprise robot. */
export const sandboxSceneGroupTemplateId = 'sandbox-scene-group-war-room';

export type SceneGroups = ReturnType<typeof createSceneGroups>;

export type SceneGroupOutcome =
  | { ok: true; group: SandboxGroup; chatId: string; created: boolean }
  | { ok: false; errcode: number; errmsg: string };

/**
 * Scene groups (场景群) created through the API. DingTalk dedupes creation on the caller's `uuid`:
 * asking again with the same uuid answers with the group made the first time.
 */
export function createSceneGroups({ org, robots }: { org: OrgDirectory; robots: RobotDirectory }) {
  const byUuid = new Map<string, { openConversationId: string; chatId: string }>();
  let count = 0;

  return {
    create(input: { templateId: string; title: string; ownerUserId: string; userIds: string[]; uuid: string | null }): SceneGroupOutcome {
      if (input.templateId !== sandboxSceneGroupTemplateId) return { ok: false, errcode: 665036, errmsg: '群模板不存在或停用' };
      const known = input.uuid ? byUuid.get(input.uuid) : undefined;
      const existing = known ? org.getGroup(known.openConversationId) : undefined;
      if (known && existing) return { ok: true, group: existing, chatId: known.chatId, created: false };
      const unknown = [input.ownerUserId, ...input.userIds].find((userId) => !org.getUser(userId));
      if (unknown) return { ok: false, errcode: 60121, errmsg: `找不到该用户: ${unknown}` };

      count += 1;
      const group: SandboxGroup = {
        key: `scene-${count}`,
        openConversationId: `cid${randomBytes(16).toString('base64').replace(/[+/=]/g, '')}==`,
        title: input.title,
        ownerUserId: input.ownerUserId,
        memberUserIds: [...new Set([input.ownerUserId, ...input.userIds])],
        departmentId: null,
      };
      const chatId = `chat${randomBytes(16).toString('hex')}`;
      org.addGroup(group);
      // The template's robot joins the group, so the app can post into it at once.
      robots.get(enterpriseRobotKey)?.conversationIds.push(group.openConversationId);
      if (input.uuid) byUuid.set(input.uuid, { openConversationId: group.openConversationId, chatId });
      return { ok: true, group, chatId, created: true };
    },
  };
}
