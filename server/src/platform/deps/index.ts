import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { DingTalkClient } from '../../dingtalk/client';
import type { FieldCipher } from '../crypto/field-cipher';

/** What main.ts (or a test) hands to buildApp: everything that touches the outside world. */
export interface AppDeps {
  config: Config;
  database: Database;
  dingtalk: DingTalkClient;
  cipher: FieldCipher;
  clock: () => Date;
  /** Base URL of the sandbox's JSON API when running against the sandbox. */
  sandboxApiUrl: string | null;
  /** Where things live in this DingTalk org: groups and card templates (from config, or the sandbox's). */
  directory: DingTalkDirectory;
  /** Where the Stream transport registers (DingTalk's gateway or the sandbox's); null when events do not come by Stream. */
  streamOpenUrl: string | null;
}

export interface DingTalkDirectory {
  itOpsGroupId: string | null;
  securityGroupId: string | null;
  leadershipGroupId: string | null;
  /** Null in live mode until the templates are built in the card platform: no cards are sent then. */
  cardTemplates: { general: string | null; alert: string | null };
  /** The scene-group template level-1 war rooms are made from; null: no war rooms. */
  sceneGroupTemplateId: string | null;
  /** The 权限变更申请 approval form (PROC-…); null: access requests cannot be sent. */
  approvalProcessCode: string | null;
  /** The security group's lead: last approver of high-risk access. */
  securityLeadUserId: string | null;
  /** The sandbox's demo people (active from their first login); empty against a real DingTalk. */
  demoUserIds: readonly string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export const depsPlugin = fp(
  async (app: FastifyInstance, deps: AppDeps) => {
    app.decorate('deps', deps);
  },
  { name: 'deps' },
);
