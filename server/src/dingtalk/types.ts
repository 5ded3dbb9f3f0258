/** Who opened the micro-app, from a one-time login code. */
export interface DingTalkIdentity {
  userId: string;
  unionId: string;
  name: string;
  /** A DingTalk org admin (main or sub-admin); not a DingOps role. */
  isAdmin: boolean;
}

/** One person in the DingTalk org directory. Empty strings from DingTalk become null. */
export interface DingTalkUserProfile {
  userId: string;
  unionId: string;
  name: string;
  title: string | null;
  avatarUrl: string | null;
  mobile: string | null;
  email: string | null;
  jobNumber: string | null;
  departmentIds: number[];
  /** Departments this person leads (部门主管). */
  leaderInDepartmentIds: number[];
  managerUserId: string | null;
  /** False until the person has activated their DingTalk account. */
  active: boolean;
}

export interface DingTalkDepartment {
  id: number;
  name: string;
  /** Null for the root department (id 1). */
  parentId: number | null;
}
