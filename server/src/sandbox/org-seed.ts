import { createHash } from 'node:crypto';
import type { OrgSeed, SandboxGroup, SandboxUser } from './org';

// The demo company every sandbox starts with (see the product's demo story): 云栖示范科技有限公司.
// User ids are stable, readable strings ('yq-' + pinyin); mobiles, emails and ids are fictional.

export const demoCorpName = '云栖示范科技有限公司';

/** Department ids, by role; the root department is always 1. */
export const demoDepartmentIds = {
  root: 1,
  executive: 581208001, // 总经办
  it: 581208002, // 信息部
  audit: 581208003, // 审计部
  sales: 581208004, // 销售部
  finance: 581208005, // 财务部
  rnd: 581208006, // 研发部
  hr: 581208007, // 人力资源部
} as const;

type DepartmentKey = keyof typeof demoDepartmentIds;

const departments: [DepartmentKey, string][] = [
  ['executive', '总经办'],
  ['it', '信息部'],
  ['audit', '审计部'],
  ['sales', '销售部'],
  ['finance', '财务部'],
  ['rnd', '研发部'],
  ['hr', '人力资源部'],
];

interface PersonRow {
  pinyin: string;
  name: string;
  title: string;
  department: DepartmentKey;
  isLeader?: boolean;
  adminLevel?: 1 | 2;
}

// Leaders report to 周建国; everyone else to their department's leader. 审计部 has no leader of
// its own: 赵敏 reports to the CEO, which keeps audit independent of IT.
const peopleRows = [
  { pinyin: 'zhoujianguo', name: '周建国', title: '总经理', department: 'executive', isLeader: true },
  { pinyin: 'qinyu', name: '秦雨', title: '行政助理', department: 'executive' },
  { pinyin: 'wanglei', name: '王磊', title: '信息部经理', department: 'it', isLeader: true, adminLevel: 1 },
  { pinyin: 'lina', name: '李娜', title: 'IT运维工程师', department: 'it' },
  { pinyin: 'chengang', name: '陈刚', title: 'IT运维工程师', department: 'it' },
  { pinyin: 'sunyue', name: '孙悦', title: '信息安全工程师', department: 'it', adminLevel: 2 },
  { pinyin: 'zhaomin', name: '赵敏', title: '内审专员', department: 'audit' },
  { pinyin: 'liuyang', name: '刘洋', title: '销售总监', department: 'sales', isLeader: true },
  { pinyin: 'zhangwei', name: '张伟', title: '销售经理', department: 'sales' },
  { pinyin: 'huangli', name: '黄丽', title: '销售代表', department: 'sales' },
  { pinyin: 'wuqiang', name: '吴强', title: '销售代表', department: 'sales' },
  { pinyin: 'zhengfang', name: '郑芳', title: '财务经理', department: 'finance', isLeader: true },
  { pinyin: 'machao', name: '马超', title: '会计', department: 'finance' },
  { pinyin: 'linjing', name: '林静', title: '出纳', department: 'finance' },
  { pinyin: 'heming', name: '何明', title: '研发总监', department: 'rnd', isLeader: true },
  { pinyin: 'luojun', name: '罗军', title: '高级开发工程师', department: 'rnd' },
  { pinyin: 'gaojie', name: '高洁', title: '前端开发工程师', department: 'rnd' },
  { pinyin: 'xutao', name: '许涛', title: '测试工程师', department: 'rnd' },
  { pinyin: 'xieting', name: '谢婷', title: '人力资源经理', department: 'hr', isLeader: true },
  { pinyin: 'hanxue', name: '韩雪', title: '招聘专员', department: 'hr' },
] as const satisfies readonly PersonRow[];

const people: readonly PersonRow[] = peopleRows;
export type DemoPerson = (typeof peopleRows)[number]['pinyin'];

const ceo = 'zhoujianguo';
const demoUserId = (pinyin: string) => `yq-${pinyin}`;

/** Demo user ids by pinyin, e.g. `demoUserIds.wanglei === 'yq-wanglei'`. */
export const demoUserIds = Object.fromEntries(people.map((p) => [p.pinyin, demoUserId(p.pinyin)])) as Record<DemoPerson, string>;

function digest(input: string, encoding: 'base64' | 'base64url'): string {
  return createHash('sha256').update(input).digest(encoding);
}

function toUser(row: PersonRow, index: number): SandboxUser {
  const leaderOfOwnDepartment = people.find((p) => p.department === row.department && p.isLeader);
  const manager = row.pinyin === ceo ? null : row.isLeader || !leaderOfOwnDepartment ? ceo : leaderOfOwnDepartment.pinyin;
  const memberships = [{ departmentId: demoDepartmentIds[row.department], isLeader: row.isLeader === true, order: index + 1 }];
  // The CEO also heads the company itself, as DingTalk shows the boss on the root department.
  if (row.pinyin === ceo) memberships.unshift({ departmentId: demoDepartmentIds.root, isLeader: true, order: 0 });
  const serial = String(index + 1).padStart(4, '0');
  return {
    userId: demoUserId(row.pinyin),
    // Union ids look like DingTalk's: 20-odd letters and digits ending in 'iE'.
    unionId: `${digest(`union:${row.pinyin}`, 'base64url').replace(/[-_]/g, '').slice(0, 20)}iE`,
    name: row.name,
    title: row.title,
    mobile: `138${serial.padStart(8, '0')}`,
    email: `${row.pinyin}@yunqi.example`,
    jobNumber: `YQ${serial}`,
    workPlace: '杭州',
    departments: memberships,
    managerUserId: manager ? demoUserId(manager) : null,
    hiredDate: Date.UTC(2016 + (index % 8), (index * 5) % 12, 1 + (index % 27)),
    active: true,
    adminLevel: row.adminLevel ?? 0,
    isBoss: row.pinyin === ceo,
  };
}

/** Group conversation ids look like DingTalk's: 'cid' + base64 + '=='. */
function conversationId(key: string): string {
  return `cid${digest(`yunqi-demo:${key}`, 'base64').slice(0, 22)}==`;
}

function group(key: string, title: string, owner: string, members: string[], departmentId: number | null = null): SandboxGroup {
  return { key, openConversationId: conversationId(key), title, ownerUserId: demoUserId(owner), memberUserIds: members.map(demoUserId), departmentId };
}

const groups: SandboxGroup[] = [
  group('it-oncall', 'IT运维值班群', 'wanglei', ['wanglei', 'lina', 'chengang', 'sunyue']),
  group('security', '信息安全群', 'sunyue', ['sunyue', 'wanglei', 'zhaomin', 'lina']),
  group('sales', '销售部群', 'liuyang', ['liuyang', 'zhangwei', 'huangli', 'wuqiang'], demoDepartmentIds.sales),
  group('leadership', '管理层群', 'zhoujianguo', ['zhoujianguo', 'wanglei', 'liuyang', 'zhengfang', 'heming', 'xieting']),
];

/** openConversationId of each demo group, by key. */
export const demoGroupIds = Object.fromEntries(groups.map((g) => [g.key, g.openConversationId])) as Record<
  'it-oncall' | 'security' | 'sales' | 'leadership',
  string
>;

/** A fresh copy of the demo company; each sandbox mutates its own. */
export function createDemoOrgSeed(): OrgSeed {
  return {
    corpName: demoCorpName,
    departments: [
      { id: demoDepartmentIds.root, name: demoCorpName, parentId: null, order: 0 },
      ...departments.map(([key, name], index) => ({ id: demoDepartmentIds[key], name, parentId: demoDepartmentIds.root, order: index + 1 })),
    ],
    users: people.map(toUser),
    groups: groups.map((g) => ({ ...g, memberUserIds: [...g.memberUserIds] })),
  };
}

/** 孙悦 leads 信息安全群 (its owner): the last approver of high-risk access in the demo company. */
export const demoSecurityLeadUserId = demoUserIds.sunyue;
