import type { RotationOverride, WeeklyRotation } from '../oncall';

const minuteMs = 60_000;
const weekMs = 7 * 24 * 60 * minuteMs;
const dayMs = 24 * 60 * minuteMs;
/** Rotations hand over in Beijing time; China has no daylight saving, so a fixed offset is exact. */
const beijingOffsetMs = 8 * 60 * minuteMs;

export interface OnCall {
  primary: string | null;
  secondary: string | null;
  /** The override that set the primary, if any. */
  override: RotationOverride | null;
}

/** The instant members[0]'s first shift begins: the first handoff on or after startDate 00:00 Beijing. */
function firstHandoff(rotation: WeeklyRotation): number {
  const [hours = 0, minutes = 0] = rotation.handoffTime.split(':').map(Number);
  const startLocalMs = Date.parse(`${rotation.startDate}T00:00:00Z`);
  const weekday = new Date(startLocalMs).getUTCDay();
  const daysAhead = (rotation.handoffWeekday - weekday + 7) % 7;
  return startLocalMs + daysAhead * dayMs + (hours * 60 + minutes) * minuteMs - beijingOffsetMs;
}

/** Index of the weekly shift containing `at`, counted from the first handoff (negative before it). */
function shiftIndex(rotation: WeeklyRotation, at: Date): number {
  return Math.floor((at.getTime() - firstHandoff(rotation)) / weekMs);
}

function memberAt(members: readonly string[], index: number): string | null {
  if (members.length === 0) return null;
  return members[((index % members.length) + members.length) % members.length] ?? null;
}

/** The override in force at `at`; when several overlap, the one that began last wins. */
function overrideAt(overrides: readonly RotationOverride[], at: Date): RotationOverride | null {
  let found: RotationOverride | null = null;
  for (const override of overrides) {
    const inForce = override.startsAt.getTime() <= at.getTime() && at.getTime() < override.endsAt.getTime();
    if (inForce && (!found || override.startsAt.getTime() >= found.startsAt.getTime())) found = override;
  }
  return found;
}

/**
 * Who is on call at `at`: the rotation's member for that week is primary and the next member is
 * secondary; an override replaces the primary for its span. If the override hands the shift to the
 * week's secondary, the displaced primary becomes secondary so two people are still reachable.
 */
export function whoIsOnCall({ rotation, overrides, at }: { rotation: WeeklyRotation; overrides: readonly RotationOverride[]; at: Date }): OnCall {
  const index = shiftIndex(rotation, at);
  const rotaPrimary = memberAt(rotation.members, index);
  const rotaSecondary = rotation.members.length > 1 ? memberAt(rotation.members, index + 1) : null;
  const override = overrideAt(overrides, at);
  if (!override) return { primary: rotaPrimary, secondary: rotaSecondary, override: null };
  const secondary = override.userId === rotaSecondary || rotaSecondary === null ? rotaPrimary : rotaSecondary;
  return { primary: override.userId, secondary: secondary === override.userId ? null : secondary, override };
}

export interface OnCallSpan extends OnCall {
  startsAt: Date;
  endsAt: Date;
}

/** The instants in (from, to) where who is on call may change: handoffs and override edges. */
function boundaries({ rotation, overrides, from, to }: { rotation: WeeklyRotation; overrides: readonly RotationOverride[]; from: Date; to: Date }): number[] {
  const points = new Set<number>();
  const first = firstHandoff(rotation);
  for (let index = shiftIndex(rotation, from) + 1; first + index * weekMs < to.getTime(); index += 1) points.add(first + index * weekMs);
  for (const override of overrides) {
    for (const edge of [override.startsAt.getTime(), override.endsAt.getTime()]) if (edge > from.getTime() && edge < to.getTime()) points.add(edge);
  }
  return [...points].sort((a, b) => a - b);
}

/** Splits [from, to) into spans with one primary/secondary each, merging neighbours that agree. */
export function onCallSpans(input: { rotation: WeeklyRotation; overrides: readonly RotationOverride[]; from: Date; to: Date }): OnCallSpan[] {
  const edges = [input.from.getTime(), ...boundaries(input), input.to.getTime()];
  const spans: OnCallSpan[] = [];
  for (let i = 0; i < edges.length - 1; i += 1) {
    const startsAt = new Date(edges[i] ?? 0);
    const endsAt = new Date(edges[i + 1] ?? 0);
    const onCall = whoIsOnCall({ rotation: input.rotation, overrides: input.overrides, at: startsAt });
    const previous = spans.at(-1);
    if (previous && previous.primary === onCall.primary && previous.secondary === onCall.secondary && previous.override === onCall.override) previous.endsAt = endsAt;
    else spans.push({ ...onCall, startsAt, endsAt });
  }
  return spans;
}

/** The start of the shift containing `at` (used to make a given member primary "this week"). */
export function shiftStartAt(rotation: WeeklyRotation, at: Date): Date {
  return new Date(firstHandoff(rotation) + shiftIndex(rotation, at) * weekMs);
}
