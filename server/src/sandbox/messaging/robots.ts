import { createHash } from 'node:crypto';
import type { OrgDirectory } from '../org';
import type { SandboxApp } from '../types';

// The robots of the demo groups. The app's enterprise robot (运维助手, robotCode = the app's
// clientId) sits in every demo group; IT运维值班群 also has two custom webhook robots, a pool
// DingOps can spread alerts over (each takes 20 messages a minute).

export type RobotKind = 'enterprise' | 'webhook';

export interface SandboxRobot {
  /** Stable short name used by the sandbox API and tests, e.g. 'it-oncall-webhook-1'. */
  key: string;
  kind: RobotKind;
  name: string;
  /** Enterprise robots only. */
  robotCode: string | null;
  /** Webhook robots only: the `access_token` of their URL. */
  accessToken: string | null;
  /** Webhook robots with signing enabled: 'SEC…'. */
  secret: string | null;
  /** Webhook robots: a message must contain one of these (empty = no keyword check). */
  keywords: string[];
  conversationIds: string[];
}

/** Key of the app's enterprise robot in the sandbox API. */
export const enterpriseRobotKey = 'ops-assistant';

const hex = (input: string) => createHash('sha256').update(input).digest('hex');

export type RobotDirectory = ReturnType<typeof createRobotDirectory>;

/**
 * Tokens and secrets are derived from the app's credentials, so a restarted sandbox keeps the
 * webhook URLs DingOps was configured with.
 */
export function createRobotDirectory({ app, org }: { app: SandboxApp; org: OrgDirectory }) {
  const groupId = (key: string) => org.findGroupByKey(key)?.openConversationId;
  const demoGroups = ['it-oncall', 'security', 'sales', 'leadership'].map(groupId).filter((id): id is string => id !== undefined);
  const itOnCall = groupId('it-oncall');

  const webhook = (index: number): SandboxRobot => ({
    key: `it-oncall-webhook-${index}`,
    kind: 'webhook',
    name: `运维告警${index}号`,
    robotCode: null,
    accessToken: hex(`${app.clientId}:webhook-robot:${index}`),
    secret: `SEC${hex(`${app.clientSecret}:webhook-secret:${index}`)}`,
    keywords: [],
    conversationIds: itOnCall ? [itOnCall] : [],
  });

  const robots: SandboxRobot[] = [
    { key: enterpriseRobotKey, kind: 'enterprise', name: '运维助手', robotCode: app.clientId, accessToken: null, secret: null, keywords: [], conversationIds: demoGroups },
    ...(itOnCall ? [webhook(1), webhook(2)] : []),
  ];

  return {
    list: (): readonly SandboxRobot[] => robots,
    get: (key: string) => robots.find((robot) => robot.key === key),
    byAccessToken: (token: string) => robots.find((robot) => robot.kind === 'webhook' && robot.accessToken === token),
    byRobotCode: (robotCode: string) => robots.find((robot) => robot.kind === 'enterprise' && robot.robotCode === robotCode),
    inConversation: (conversationId: string) => robots.filter((robot) => robot.conversationIds.includes(conversationId)),

    /** Change a webhook robot's security settings, as a group admin does in the robot's settings. */
    configureSecurity(key: string, settings: { keywords?: string[]; signing?: boolean }): SandboxRobot | undefined {
      const robot = robots.find((candidate) => candidate.key === key && candidate.kind === 'webhook');
      if (!robot) return undefined;
      if (settings.keywords) robot.keywords = [...settings.keywords];
      if (settings.signing === false) robot.secret = null;
      if (settings.signing === true) robot.secret ??= `SEC${hex(`${app.clientSecret}:webhook-secret:${key}`)}`;
      return robot;
    },
  };
}
