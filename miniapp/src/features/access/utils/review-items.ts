import type { ReviewItem } from '@dingops/shared/access';

export type PersonItems = { userId: string; name: string; items: ReviewItem[] };

/** Items grouped by the person holding the grant, people by name, each person's items by system. */
export function groupByPerson(items: readonly ReviewItem[]): PersonItems[] {
  const groups = new Map<string, PersonItems>();
  for (const item of items) {
    const group = groups.get(item.userId) ?? { userId: item.userId, name: item.userName ?? item.userId, items: [] };
    group.items.push(item);
    groups.set(item.userId, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, items: [...group.items].sort((a, b) => a.systemName.localeCompare(b.systemName, 'zh-CN')) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** What 全部保留 sends: the caller's undecided items that are not high risk (the server refuses bulk keep of those). */
export function bulkKeepCandidates(items: readonly ReviewItem[], reviewerId: string): ReviewItem[] {
  return items.filter((item) => item.reviewerId === reviewerId && item.decision === null && item.risk !== 'high');
}
