import type { AccessSystem, Catalog, CreateRoleBody, CreateSystemBody } from '@dingops/shared/access';
import { asc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { isUniqueViolation } from '../../../db/pg-errors';
import { roleNameTaken, roleNotFound, systemNameTaken, systemNotFound, unknownPerson } from '../access.errors';
import type { People } from '../access.people';
import { accessRoles, accessSystems, type AccessRoleRow, type AccessSystemRow } from '../access.table';

/** A role with its system, as requests and grants need it. */
export interface CatalogRole {
  role: AccessRoleRow;
  system: AccessSystemRow;
}

/** The permission catalog: systems, their owners and grantable roles (issue 12 item 2). */
export function createCatalogService({ db, audit, people, clock }: { db: Db; audit: AuditService; people: People; clock: () => Date }) {
  async function list(tx: Executor = db): Promise<Catalog> {
    const systems = await tx.select().from(accessSystems).orderBy(asc(accessSystems.name));
    const roles = await tx.select().from(accessRoles).orderBy(asc(accessRoles.systemId), asc(accessRoles.id));
    const owners = await people.names(systems.map((system) => system.ownerDingtalkId), tx);
    return { items: systems.map((system): AccessSystem => ({ ...systemOf(system, owners), roles: roles.filter((role) => role.systemId === system.id).map(roleOf) })) };
  }

  return {
    list,

    async createSystem({ body, context }: { body: CreateSystemBody; context: AuditContext }): Promise<{ id: number }> {
      const owner = await people.find(body.ownerUserId);
      if (!owner) throw unknownPerson('body.ownerUserId', body.ownerUserId);
      const now = clock();
      return db.transaction(async (tx) => {
        const values = { name: body.name, description: body.description ?? null, ownerDingtalkId: body.ownerUserId, ownerName: owner.name, manualProvisioning: body.manualProvisioning, reviewer: body.reviewer, createdAt: now, updatedAt: now };
        const [row] = await tx
          .insert(accessSystems)
          .values(values)
          .returning()
          .catch((error: unknown) => {
            throw isUniqueViolation(error) ? systemNameTaken(body.name) : error;
          });
        await audit.record(context, { action: 'access.system_created', target: { type: 'access_system', id: String(row!.id) }, summary: { ...body } }, tx);
        return { id: row!.id };
      });
    },

    async createRole({ systemId, body, context }: { systemId: number; body: CreateRoleBody; context: AuditContext }): Promise<{ id: number }> {
      return db.transaction(async (tx) => {
        const [system] = await tx.select().from(accessSystems).where(eq(accessSystems.id, systemId));
        if (!system) throw systemNotFound(systemId);
        const [row] = await tx
          .insert(accessRoles)
          .values({ systemId, name: body.name, description: body.description ?? null, risk: body.risk, maxDays: body.maxDays, createdAt: clock() })
          .returning()
          .catch((error: unknown) => {
            throw isUniqueViolation(error) ? roleNameTaken(body.name) : error;
          });
        await audit.record(context, { action: 'access.role_created', target: { type: 'access_role', id: String(row!.id) }, summary: { system: system.name, ...body } }, tx);
        return { id: row!.id };
      });
    },

    /** The role and its system; a 400 naming body.roleId when the catalog has no such role. */
    async role(roleId: number, tx: Executor = db): Promise<CatalogRole> {
      const [found] = await tx.select({ role: accessRoles, system: accessSystems }).from(accessRoles).innerJoin(accessSystems, eq(accessSystems.id, accessRoles.systemId)).where(eq(accessRoles.id, roleId));
      if (!found) throw roleNotFound(roleId);
      return found;
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;

function systemOf(system: AccessSystemRow, owners: Map<string, string>): Omit<AccessSystem, 'roles'> {
  return {
    id: system.id,
    name: system.name,
    ownerUserId: system.ownerDingtalkId,
    ownerName: owners.get(system.ownerDingtalkId) ?? system.ownerName,
    description: system.description,
    manualProvisioning: system.manualProvisioning,
    reviewer: system.reviewer,
  };
}

const roleOf = (role: AccessRoleRow) => ({ id: role.id, name: role.name, risk: role.risk, maxDays: role.maxDays, description: role.description });
