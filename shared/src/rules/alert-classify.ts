import { type LabelMatcher, type Labels, matchesAll } from './alert-matchers';

/** Rule F2's three warning levels: 1 business seriously disrupted, 2 functions limited, 3 minor anomaly. */
export type AlertLevel = 1 | 2 | 3;

export interface AlertRule {
  name: string;
  matchers: LabelMatcher[];
  level: AlertLevel;
  /** openConversationId of the DingTalk group its cards go to; null → the IT ops group. */
  groupId?: string | null;
  escalationPolicyId?: string | null;
  onCallScheduleId?: string | null;
  /** Raise a growing group one level once it has this many firing alerts. */
  raiseAtFiring?: number | null;
}

export interface Classification {
  level: AlertLevel;
  /** The rule that decided, or null when the severity default did. */
  ruleName: string | null;
  /** Why it has its level, as the card shows it. */
  reason: string;
  route: { groupId: string | null; escalationPolicyId: string | null; onCallScheduleId: string | null };
}

const severityLevels: Record<string, AlertLevel> = {
  critical: 1,
  page: 1,
  disaster: 1,
  warning: 2,
  major: 2,
  high: 2,
  info: 3,
  minor: 3,
  low: 3,
};

export const levelNames: Record<AlertLevel, string> = { 1: '一级', 2: '二级', 3: '三级' };

/** DESIGN.md "Alert levels": the level a severity label maps to when no rule matches; unknown → 2. */
export function defaultLevelFor(severity: string | undefined): AlertLevel {
  return severityLevels[(severity ?? '').trim().toLowerCase()] ?? 2;
}

/** First matching rule wins; otherwise the severity default. */
export function classifyAlert({ labels, rules }: { labels: Labels; rules: readonly AlertRule[] }): Classification {
  const rule = rules.find((candidate) => matchesAll(candidate.matchers, labels));
  if (rule) {
    return {
      level: rule.level,
      ruleName: rule.name,
      reason: `${levelNames[rule.level]}：规则 ${rule.name} 命中`,
      route: { groupId: rule.groupId ?? null, escalationPolicyId: rule.escalationPolicyId ?? null, onCallScheduleId: rule.onCallScheduleId ?? null },
    };
  }
  const severity = labels.severity;
  return {
    level: defaultLevelFor(severity),
    ruleName: null,
    reason: severity ? `默认：severity=${severity}` : '默认：无 severity 标签',
    route: { groupId: null, escalationPolicyId: null, onCallScheduleId: null },
  };
}

/** Raising by one (升级) stops at level 1. */
export function raiseLevel(level: AlertLevel): AlertLevel {
  return level === 1 ? 1 : ((level - 1) as AlertLevel);
}

/**
 * A group that keeps growing climbs one level, once, when its rule says how many firing alerts
 * (one per host) is too many; level 1 stays level 1. Returns the new level and the card's reason.
 */
export function growthRaise({ level, firingCount, alreadyRaised, rule }: { level: AlertLevel; firingCount: number; alreadyRaised: boolean; rule: AlertRule | undefined }): { level: AlertLevel; reason: string } | null {
  const threshold = rule?.raiseAtFiring;
  if (!rule || !threshold || alreadyRaised || level === 1 || firingCount < threshold) return null;
  const raised = raiseLevel(level);
  return { level: raised, reason: `${levelNames[raised]}：同组 ${firingCount} 条告警触发中（≥ ${threshold}），按规则 ${rule.name} 由${levelNames[level]}自动升级` };
}
