import type { Risk } from '@dingops/shared/access';
import { grantEnd } from '@dingops/shared/rules/access';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { AuditService } from '../platform/audit/audit.service';
import { systemContext } from '../platform/audit/audit.service';
import { accessGrants, accessRoles, accessSystems } from '../modules/access/access.table';

// The demo company's permission catalog and a few grants (shared/DEMO.md story steps 5 and 6), seeded
// in sandbox mode into an empty catalog only. Owners are demo people by DingTalk id.

interface DemoSystem {
  name: string;
  owner: [id: string, name: string];
  description: string;
  manualProvisioning: boolean;
  reviewer: 'manager' | 'owner';
  roles: { name: string; risk: Risk; maxDays: number; description: string }[];
}

const wanglei: [string, string] = ['yq-wanglei', '王磊'];

export const demoCatalog: DemoSystem[] = [
  {
    name: 'CRM',
    owner: ['yq-liuyang', '刘洋'],
    description: '客户关系管理系统（销售线索、商机、合同）',
    manualProvisioning: false,
    reviewer: 'manager',
    roles: [
      { name: '销售专员', risk: 'low', maxDays: 365, description: '查看和维护自己的客户与商机' },
      { name: 'CRM 管理员', risk: 'medium', maxDays: 90, description: '管理全部客户数据、字段和权限' },
    ],
  },
  {
    name: 'VPN',
    owner: wanglei,
    description: '公司远程访问（外出和居家办公）',
    manualProvisioning: false,
    reviewer: 'manager',
    roles: [{ name: '远程访问', risk: 'low', maxDays: 180, description: '从公司外访问内网办公系统' }],
  },
  {
    name: 'ERP 财务系统',
    owner: ['yq-zhengfang', '郑芳'],
    description: '总账、应收应付、报销（由信息部在系统内开通）',
    manualProvisioning: true,
    reviewer: 'owner',
    roles: [
      { name: '财务查询', risk: 'low', maxDays: 365, description: '只读查看报表' },
      { name: '会计', risk: 'medium', maxDays: 180, description: '录入和审核凭证' },
      { name: '财务管理员', risk: 'high', maxDays: 30, description: '科目、期间和用户管理' },
    ],
  },
  {
    name: '文件共享 NAS',
    owner: wanglei,
    description: '部门共享盘',
    manualProvisioning: true,
    reviewer: 'manager',
    roles: [{ name: '部门共享读写', risk: 'low', maxDays: 365, description: '读写本部门共享目录' }],
  },
  {
    name: '钉钉管理后台',
    owner: wanglei,
    description: '钉钉企业管理后台的子管理员',
    manualProvisioning: true,
    reviewer: 'owner',
    roles: [{ name: '子管理员', risk: 'high', maxDays: 30, description: '通讯录与应用管理' }],
  },
];

/** Who holds what in the demo company (吴强's grants are what story step 6 takes away). */
const demoGrants: { userId: string; userName: string; system: string; role: string; days: number }[] = [
  { userId: 'yq-wuqiang', userName: '吴强', system: 'CRM', role: '销售专员', days: 300 },
  { userId: 'yq-wuqiang', userName: '吴强', system: 'VPN', role: '远程访问', days: 120 },
  { userId: 'yq-huangli', userName: '黄丽', system: 'CRM', role: '销售专员', days: 300 },
  { userId: 'yq-zhangwei', userName: '张伟', system: 'CRM', role: '销售专员', days: 300 },
  { userId: 'yq-machao', userName: '马超', system: 'ERP 财务系统', role: '会计', days: 150 },
  { userId: 'yq-linjing', userName: '林静', system: 'ERP 财务系统', role: '财务查询', days: 300 },
  { userId: 'yq-lina', userName: '李娜', system: '钉钉管理后台', role: '子管理员', days: 20 },
];

/** Seeds the catalog and grants once, in one transaction; a catalog that has anything is left alone. */
export async function seedDemoAccess({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    // One instance seeds; a second one starting beside it waits here, then finds the catalog full.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('dingops.demo.access'))`);
    const [existing] = await tx.select({ id: accessSystems.id }).from(accessSystems).limit(1);
    if (existing) return false;
    const now = clock();
    const roleIds = new Map<string, number>();
    for (const system of demoCatalog) {
      const [row] = await tx
        .insert(accessSystems)
        .values({ name: system.name, description: system.description, ownerDingtalkId: system.owner[0], ownerName: system.owner[1], manualProvisioning: system.manualProvisioning, reviewer: system.reviewer, createdAt: now, updatedAt: now })
        .returning();
      for (const role of system.roles) {
        const [roleRow] = await tx.insert(accessRoles).values({ systemId: row!.id, name: role.name, description: role.description, risk: role.risk, maxDays: role.maxDays, createdAt: now }).returning();
        roleIds.set(`${system.name}/${role.name}`, roleRow!.id);
      }
    }
    const startsAt = new Date(now.getTime() - 30 * 86_400_000);
    for (const grant of demoGrants) {
      const roleId = roleIds.get(`${grant.system}/${grant.role}`)!;
      const [row] = await tx
        .insert(accessGrants)
        .values({ userDingtalkId: grant.userId, userName: grant.userName, roleId, status: 'active', startsAt, endsAt: grantEnd(startsAt, grant.days), activatedAt: startsAt, createdAt: now })
        .returning();
      await audit.record(systemContext, { action: 'access.granted', target: { type: 'access_grant', id: String(row!.id) }, summary: { userId: grant.userId, system: grant.system, role: grant.role, source: 'demo seed' } }, tx);
    }
    await audit.record(systemContext, { action: 'access.catalog_seeded', target: { type: 'access_catalog', id: 'demo' }, summary: { systems: demoCatalog.map((system) => system.name), grants: demoGrants.length } }, tx);
    return true;
  });
}
