import { builtInPolicyId, defaultEscalationSteps, type EscalationPolicy, type PolicyBody, type StoredPolicy } from '@dingops/shared/oncall';
import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import { policyNotFound } from './oncall.errors';
import type { OncallRepository } from './oncall.repository';
import type { PolicyRow } from './oncall.table';

interface Deps {
  db: Db;
  repo: OncallRepository;
  audit: AuditService;
  clock: () => Date;
  ready: () => Promise<void>;
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

const toStoredPolicy = (row: PolicyRow): StoredPolicy => ({ id: row.id, name: row.name, isDefault: row.isDefault, steps: row.steps, updatedAt: row.updatedAt.toISOString() });

/** Used when nobody stored a default policy: DESIGN.md "Alert levels" (on-call at once, +5 min, +15 min). */
export const builtInPolicy: EscalationPolicy = { id: builtInPolicyId, name: 'Default', steps: defaultEscalationSteps };

export function createPoliciesService({ db, repo, audit, clock, ready }: Deps) {
  async function requirePolicy(id: string, tx: Executor = db): Promise<PolicyRow> {
    const row = isUuid(id) ? await repo.findPolicy(id, tx) : null;
    if (!row) throw policyNotFound(id);
    return row;
  }

  async function save({ id, body, context }: { id: string | null; body: PolicyBody; context: AuditContext }): Promise<StoredPolicy> {
    await ready();
    return db.transaction(async (tx) => {
      const before = id ? await requirePolicy(id, tx) : null;
      if (body.isDefault) await repo.clearDefaultPolicy(tx);
      const now = clock();
      const values = { name: body.name, steps: body.steps, updatedAt: now, ...(body.isDefault === undefined ? {} : { isDefault: body.isDefault }) };
      const row = id ? ((await repo.updatePolicy(id, values, tx)) as PolicyRow) : await repo.insertPolicy({ ...values, createdAt: now }, tx);
      const summary = { name: body.name, steps: body.steps, isDefault: row.isDefault, ...(before ? { before: { name: before.name, steps: before.steps } } : {}) };
      await audit.record(context, { action: id ? 'oncall.policy_updated' : 'oncall.policy_created', target: { type: 'escalation_policy', id: row.id }, summary }, tx);
      return toStoredPolicy(row);
    });
  }

  return {
    async list(): Promise<{ items: StoredPolicy[] }> {
      await ready();
      return { items: (await repo.listPolicies()).map(toStoredPolicy) };
    },

    async get(id: string): Promise<StoredPolicy> {
      await ready();
      return toStoredPolicy(await requirePolicy(id));
    },

    create: (input: { body: PolicyBody; context: AuditContext }) => save({ id: null, ...input }),
    update: (input: { id: string; body: PolicyBody; context: AuditContext }) => save(input),

    /**
     * The policy an alert group walks. Null or 'default' means the stored default, else the built-in
     * one; an id that names no policy is an error, so a broken routing rule shows instead of paging
     * by a policy nobody chose. A caller inside a transaction passes `tx` (PGlite has one connection).
     */
    async policy(policyId?: string | null, tx: Executor = db): Promise<EscalationPolicy> {
      if (tx === db) await ready();
      if (policyId && policyId !== builtInPolicyId) {
        const row = await requirePolicy(policyId, tx);
        return { id: row.id, name: row.name, steps: row.steps };
      }
      const row = await repo.findDefaultPolicy(tx);
      return row ? { id: row.id, name: row.name, steps: row.steps } : builtInPolicy;
    },
  };
}

export type PoliciesService = ReturnType<typeof createPoliciesService>;
