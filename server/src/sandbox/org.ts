// The sandbox's org directory: departments, people and group chats, held in memory. Reads are
// what the topapi routes and the sandbox JSON API need; org events (join, move, leave) change it.

export interface SandboxDepartment {
  id: number;
  name: string;
  /** Null for the root department (id 1). */
  parentId: number | null;
  order: number;
}

export interface SandboxMembership {
  departmentId: number;
  isLeader: boolean;
  /** Sort order inside the department. */
  order: number;
}

export interface SandboxUser {
  userId: string;
  unionId: string;
  name: string;
  title: string;
  mobile: string;
  email: string;
  jobNumber: string;
  workPlace: string;
  departments: SandboxMembership[];
  managerUserId: string | null;
  /** Epoch ms. */
  hiredDate: number;
  active: boolean;
  /** 0 none, 1 main admin, 2 sub-admin. */
  adminLevel: 0 | 1 | 2;
  isBoss: boolean;
}

export interface SandboxGroup {
  /** Stable short name used by tests and the console, e.g. 'it-oncall'. */
  key: string;
  openConversationId: string;
  title: string;
  ownerUserId: string;
  memberUserIds: string[];
  /** Set for a department group (部门群). */
  departmentId: number | null;
}

export interface OrgSeed {
  corpName: string;
  departments: SandboxDepartment[];
  users: SandboxUser[];
  groups: SandboxGroup[];
}

export type OrgDirectory = ReturnType<typeof createOrgDirectory>;

export function createOrgDirectory(seed: OrgSeed) {
  const departments = new Map(seed.departments.map((department) => [department.id, department]));
  const users = new Map(seed.users.map((user) => [user.userId, user]));
  const groups = new Map(seed.groups.map((group) => [group.openConversationId, group]));
  const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;

  function membership(user: SandboxUser, departmentId: number) {
    return user.departments.find((entry) => entry.departmentId === departmentId);
  }

  return {
    corpName: seed.corpName,
    getUser: (userId: string) => users.get(userId),
    listUsers: () => [...users.values()],
    getDepartment: (id: number) => departments.get(id),
    listDepartments: () => [...departments.values()],
    listSubDepartments: (parentId: number) => [...departments.values()].filter((d) => d.parentId === parentId).sort(byOrder),
    membership,

    /** Direct members of one department, in the department's own order. */
    listMembers(departmentId: number): SandboxUser[] {
      return [...users.values()]
        .filter((user) => membership(user, departmentId))
        .sort((a, b) => (membership(a, departmentId)?.order ?? 0) - (membership(b, departmentId)?.order ?? 0));
    },

    leaderUserIds(departmentId: number): string[] {
      return [...users.values()].filter((user) => membership(user, departmentId)?.isLeader).map((user) => user.userId);
    },

    listGroups: () => [...groups.values()],
    getGroup: (openConversationId: string) => groups.get(openConversationId),
    findGroupByKey: (key: string) => [...groups.values()].find((group) => group.key === key),

    /** A group an app created (场景群): it joins the list like any other chat. */
    addGroup(group: SandboxGroup): void {
      groups.set(group.openConversationId, group);
    },

    /** Org events: someone joins. Department groups of their departments take them in, as DingTalk does. */
    addUser(user: SandboxUser): void {
      users.set(user.userId, user);
      syncDepartmentGroups(user.userId, user.departments.map((entry) => entry.departmentId));
    },

    /** Org events: a change of title, department or manager. Unknown users are ignored. */
    updateUser(userId: string, change: Partial<Pick<SandboxUser, 'title' | 'departments' | 'managerUserId' | 'name' | 'mobile' | 'email' | 'active'>>): SandboxUser | undefined {
      const user = users.get(userId);
      if (!user) return undefined;
      Object.assign(user, change);
      if (change.departments) syncDepartmentGroups(userId, change.departments.map((entry) => entry.departmentId));
      return user;
    },

    /** Org events: someone leaves. They vanish from the directory and from every group chat. */
    removeUser(userId: string): SandboxUser | undefined {
      const user = users.get(userId);
      users.delete(userId);
      for (const group of groups.values()) group.memberUserIds = group.memberUserIds.filter((id) => id !== userId);
      return user;
    },
  };

  function syncDepartmentGroups(userId: string, departmentIds: number[]) {
    for (const group of groups.values()) {
      if (group.departmentId === null) continue;
      const belongs = departmentIds.includes(group.departmentId);
      const isMember = group.memberUserIds.includes(userId);
      if (belongs && !isMember) group.memberUserIds.push(userId);
      if (!belongs && isMember) group.memberUserIds = group.memberUserIds.filter((id) => id !== userId);
    }
  }
}
