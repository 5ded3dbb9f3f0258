import { invalidResponseError } from './error-mapping';

export interface CreateSceneGroupInput {
  /** The scene-group template (群模板) built in the developer console; it decides the group's robot. */
  templateId: string;
  title: string;
  /** The group owner (群主), a DingTalk userid. */
  ownerUserId: string;
  /** Members besides the owner; DingTalk takes at most 999. */
  userIds: string[];
  /**
   * DingTalk's own dedupe key (建群去重的业务id): the same uuid again answers with the group made the
   * first time, so a retry after a crash never makes a second group.
   */
  uuid: string;
}

export interface CreateSceneGroupResult {
  openConversationId: string;
  chatId: string | null;
}

/** DingTalk takes at most 999 user ids per scene group create call. */
export const maxSceneGroupMembers = 999;

type Topapi = (path: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

const path = '/topapi/im/chat/scenegroup/create';

/**
 * Scene groups (场景群) on the old API: the only documented way for an internal app to create a group
 * from a template. Lists travel as comma-separated strings, as the TOP SDK sends them.
 */
export function createSceneGroups({ topapi }: { topapi: Topapi }) {
  return {
    async createSceneGroup(input: CreateSceneGroupInput): Promise<CreateSceneGroupResult> {
      const members = [...new Set(input.userIds.filter((id) => id !== input.ownerUserId))].slice(0, maxSceneGroupMembers);
      const body = await topapi(path, {
        template_id: input.templateId,
        title: input.title,
        owner_user_id: input.ownerUserId,
        user_ids: members.join(','),
        uuid: input.uuid,
      });
      const result = body.result as { open_conversation_id?: unknown; chat_id?: unknown } | undefined;
      const openConversationId = result?.open_conversation_id;
      if (typeof openConversationId !== 'string' || openConversationId === '') throw invalidResponseError(`POST ${path}`, 200);
      return { openConversationId, chatId: typeof result?.chat_id === 'string' ? result.chat_id : null };
    },
  };
}
