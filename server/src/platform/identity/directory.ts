import type { DingTalkClient } from '../../dingtalk/client';
import type { DingTalkPerson } from './identity.service';

/** Reads a person from the DingTalk directory, with department names and leadership, as DingOps stores them. */
export async function fetchDingTalkPerson(dingtalk: DingTalkClient, userId: string): Promise<DingTalkPerson> {
  const profile = await dingtalk.getUserProfile(userId);
  const departments = await Promise.all(
    profile.departmentIds.map(async (id) => ({ id, name: (await dingtalk.getDepartment(id)).name, isLeader: profile.leaderInDepartmentIds.includes(id) })),
  );
  return { ...profile, unionId: profile.unionId || null, departments, managerUserId: profile.managerUserId };
}
