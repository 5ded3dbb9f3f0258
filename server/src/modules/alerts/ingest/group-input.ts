import type { GroupInput } from './ingest.repository';

/** What a card shows as the group's summary: the alert's own words, with its value when it has one. */
export function summaryOf(annotations: Record<string, string>): string | null {
  const summary = annotations.summary ?? annotations.description ?? annotations.message ?? null;
  return summary && annotations.value ? `${summary}（当前值 ${annotations.value}）` : summary;
}

/**
 * Adds what one alert (or one request) says of a group: the most severe classification decides
 * the group's level, title and route (the first of them on a tie); the first summary is kept; the
 * maintenance windows that muted any of them are all named.
 */
export function addToGroup(groups: Map<string, GroupInput>, group: GroupInput) {
  const existing = groups.get(group.groupKey);
  if (!existing) {
    groups.set(group.groupKey, { ...group, muted: [...group.muted] });
    return;
  }
  const merged: GroupInput = group.level < existing.level ? { ...group, summary: group.summary ?? existing.summary, muted: existing.muted } : existing;
  if (!merged.summary && group.summary) merged.summary = group.summary;
  addWindows(merged, group.muted);
  groups.set(group.groupKey, merged);
}

export function addWindows(group: GroupInput, windows: GroupInput['muted']) {
  for (const window of windows) if (!group.muted.some((muted) => muted.windowId === window.windowId)) group.muted.push(window);
}
