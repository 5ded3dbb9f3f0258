import type { OrgDirectory } from '../org';
import type { SandboxApp } from '../types';
import { createCardStore } from './card-store';
import { createDingStore } from './ding-store';
import type { MessageContent } from './message-content';
import { createRobotRateLimiter, dingTalkRateLimit, webhookMessagesPerWindow, type RateLimitSettings } from './rate-limiter';
import { robotOfSend, type RobotSendRequest } from './robot-of-send';
import { createRobotDirectory, type SandboxRobot } from './robots';
import { createSceneGroups } from './scene-groups';
import { createTimeline, type StoredMessage } from './timeline';
import { createWorkNotificationStore } from './work-notification-store';

export type MessagingState = ReturnType<typeof createMessagingState>;

/** Per-window cap of a robot: 20 for custom robots; enterprise robots are counted, not capped. */
export const limitOf = (robot: SandboxRobot): number | null => (robot.kind === 'webhook' ? webhookMessagesPerWindow : null);

/** Everything the sandbox knows about messages: robots, chats, cards, work notifications. */
export function createMessagingState({ app, org, now, rateLimit }: { app: SandboxApp; org: OrgDirectory; now: () => number; rateLimit?: Partial<RateLimitSettings> }) {
  const robots = createRobotDirectory({ app, org });
  const limiter = createRobotRateLimiter({ now, settings: { ...dingTalkRateLimit, ...rateLimit } });
  const timeline = createTimeline({ now });
  const cards = createCardStore({ now });
  const workNotifications = createWorkNotificationStore({ now, org });
  const dings = createDingStore({ now });
  const sceneGroups = createSceneGroups({ org, robots });

  return {
    robots,
    limiter,
    timeline,
    cards,
    workNotifications,
    dings,
    sceneGroups,

    /**
     * The most messages `robotKey` accepted within any one window so far. A test asserts DingOps
     * kept every robot at or under its limit with `maxInAnyWindow(key) <= 20`.
     */
    maxInAnyWindow: (robotKey: string): number => limiter.maxInAnyWindow(robotKey),

    /**
     * A robot send the fault injection refused is that robot's refusal too, so its stats (and the
     * console's robot table) show what the app saw. Requests that are not robot sends count nowhere here.
     */
    countInjectedRefusal(request: RobotSendRequest, decision: 'throttle' | 'error' | 'drop'): void {
      const robot = robotOfSend({ robots, cards, appRobotCode: app.clientId }, request);
      if (robot) limiter.refuse(robot.key, `injected_${decision}`);
    },

    robotStats(robotKey: string) {
      const robot = robots.get(robotKey);
      return robot ? { robotKey, name: robot.name, kind: robot.kind, ...limiter.stats(robotKey, limitOf(robot)) } : undefined;
    },

    /**
     * A person's own message in a group, as the console's composer or an @-bot message shows it.
     * Null when the group or person is unknown.
     */
    recordUserMessage({ conversationId, userId, text }: { conversationId: string; userId: string; text: string }): StoredMessage | null {
      const user = org.getUser(userId);
      if (!user || !org.getGroup(conversationId)) return null;
      const content: MessageContent = { msgtype: 'text', title: null, text, buttons: [], links: [], url: null, picUrl: null, form: [] };
      return timeline.addMessage({ conversationId, sender: { kind: 'user', userId, name: user.name }, via: 'user', content });
    },
  };
}
