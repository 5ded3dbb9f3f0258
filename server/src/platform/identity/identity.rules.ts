import type { DepartmentRef } from './identity.table';

/** What an org event may change about a person, as DingOps stores it. */
export interface DirectoryProfile {
  name: string;
  title: string | null;
  departments: DepartmentRef[];
  isDepartmentLeader: boolean;
  managerDingtalkUserId: string | null;
}

export type ProfileChanges = { before: Partial<DirectoryProfile>; after: Partial<DirectoryProfile> };

const sameDepartments = (a: DepartmentRef[], b: DepartmentRef[]) =>
  a.length === b.length && a.every((department, index) => department.id === b[index]?.id && department.name === b[index]?.name && department.isLeader === b[index]?.isLeader);

/**
 * The fields that differ between two profiles, each side with only those fields; null when nothing
 * changed, so a replayed event writes no audit row.
 */
export function profileChanges(before: DirectoryProfile, after: DirectoryProfile): ProfileChanges | null {
  const keys = (['name', 'title', 'departments', 'isDepartmentLeader', 'managerDingtalkUserId'] as const).filter((key) =>
    key === 'departments' ? !sameDepartments(before.departments, after.departments) : before[key] !== after[key],
  );
  if (keys.length === 0) return null;
  const pick = (profile: DirectoryProfile) => Object.fromEntries(keys.map((key) => [key, profile[key]])) as Partial<DirectoryProfile>;
  return { before: pick(before), after: pick(after) };
}

/** A move: the set of departments or the manager changed (a new title or leadership alone is not one). */
export function isMove(before: DirectoryProfile, after: DirectoryProfile): boolean {
  const ids = (profile: DirectoryProfile) => [...new Set(profile.departments.map((department) => department.id))].sort((a, b) => a - b).join(',');
  return ids(before) !== ids(after) || before.managerDingtalkUserId !== after.managerDingtalkUserId;
}
