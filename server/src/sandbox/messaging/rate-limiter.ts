// Per-robot message counting. Custom robots take 20 messages a minute; the 21st is refused with
// 130101 and the robot then refuses everything for 10 minutes. Tests shrink the window and the
// penalty together (a "minute" of one second) through the sandbox options or API.

export interface RateLimitSettings {
  /** Sliding window the per-robot cap applies to; DingTalk's is one minute. */
  windowMs: number;
  /** How long a robot refuses everything after going over; DingTalk's is ten minutes. */
  penaltyMs: number;
}

export const dingTalkRateLimit: RateLimitSettings = { windowMs: 60_000, penaltyMs: 600_000 };

/** Messages a custom robot accepts per window. */
export const webhookMessagesPerWindow = 20;

/** Why a robot's message was refused; `injected_*` are the sandbox's own fault injection (throttle, server error, dropped connection). */
export type RefusalReason = 'rate_limited' | 'signature' | 'keyword' | 'too_long' | 'invalid' | 'injected_throttle' | 'injected_error' | 'injected_drop';

export type Admission = { accepted: true } | { accepted: false; lockedUntil: number };

/** Keep at most this many accept times per robot for `maxInAnyWindow`. */
const historyCap = 50_000;

export type RobotRateLimiter = ReturnType<typeof createRobotRateLimiter>;

export function createRobotRateLimiter({ now, settings: initial }: { now: () => number; settings: RateLimitSettings }) {
  const settings = { ...initial };
  const robots = new Map<string, { accepted: number[]; refused: Map<RefusalReason, number>; lockedUntil: number }>();

  const entry = (key: string) => {
    let robot = robots.get(key);
    if (!robot) robots.set(key, (robot = { accepted: [], refused: new Map(), lockedUntil: 0 }));
    return robot;
  };

  const inWindow = (accepted: number[], at: number) => accepted.filter((time) => time > at - settings.windowMs).length;

  function refuse(key: string, reason: RefusalReason): void {
    const robot = entry(key);
    robot.refused.set(reason, (robot.refused.get(reason) ?? 0) + 1);
  }

  /** The most messages this robot accepted within any one window, over its whole history. */
  function maxInAnyWindow(key: string, windowMs = settings.windowMs): number {
    const times = robots.get(key)?.accepted ?? [];
    let best = 0;
    for (let start = 0, end = 0; end < times.length; end += 1) {
      while (times[end]! - times[start]! >= windowMs) start += 1;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  return {
    settings: (): RateLimitSettings => ({ ...settings }),

    configure(next: Partial<RateLimitSettings>): RateLimitSettings {
      Object.assign(settings, next);
      return { ...settings };
    },

    /** Whether the robot is serving a penalty now (a refusal is counted). */
    isLocked(key: string): boolean {
      const robot = entry(key);
      if (now() >= robot.lockedUntil) return false;
      refuse(key, 'rate_limited');
      return true;
    },

    /**
     * Count one message. With `limit`, a full window refuses it and starts the penalty; without
     * (enterprise robots, whose caps DingTalk does not publish), it is only counted.
     */
    admit(key: string, limit: number | null): Admission {
      const robot = entry(key);
      const at = now();
      if (limit !== null && inWindow(robot.accepted, at) >= limit) {
        robot.lockedUntil = at + settings.penaltyMs;
        refuse(key, 'rate_limited');
        return { accepted: false, lockedUntil: robot.lockedUntil };
      }
      robot.accepted.push(at);
      if (robot.accepted.length > historyCap) robot.accepted.shift();
      return { accepted: true };
    },

    refuse,

    maxInAnyWindow,

    stats(key: string, limit: number | null) {
      const robot = robots.get(key);
      const at = now();
      const refusedByReason = Object.fromEntries(robot?.refused ?? []) as Partial<Record<RefusalReason, number>>;
      return {
        accepted: robot?.accepted.length ?? 0,
        refused: Object.values(refusedByReason).reduce((sum, count) => sum + (count ?? 0), 0),
        refusedByReason,
        inCurrentWindow: robot ? inWindow(robot.accepted, at) : 0,
        maxInAnyWindow: maxInAnyWindow(key),
        limitPerWindow: limit,
        ...settings,
        lockedUntil: robot && robot.lockedUntil > at ? new Date(robot.lockedUntil).toISOString() : null,
      };
    },
  };
}
