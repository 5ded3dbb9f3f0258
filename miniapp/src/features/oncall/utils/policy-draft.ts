import type { EscalationStep, EscalationTarget, PolicyBody, StoredPolicy } from '@dingops/shared/oncall';
import { policyBodySchema } from '@dingops/shared/oncall';
import type { Problem } from '@dingops/shared/problem';
import type { MessageKey } from '../../../lib/i18n';

export const escalationTargets: readonly EscalationTarget[] = ['oncall_primary', 'oncall_secondary', 'it_leads', 'leadership_group'];

export type StepDraft = { afterMinutes: string; notify: EscalationTarget[] };
export type PolicyDraft = { name: string; steps: StepDraft[] };
/** Errors keyed like the server's paths without `body.`: `name`, `steps`, `steps.1.afterMinutes`, `steps.0.notify`. */
export type PolicyErrors = Record<string, MessageKey>;

export const draftOf = (policy: StoredPolicy): PolicyDraft => ({ name: policy.name, steps: policy.steps.map((step) => ({ afterMinutes: String(step.afterMinutes), notify: [...step.notify] })) });

/** Next step after the last one: ten minutes later, notifying the IT leads. */
export function addedStep(steps: readonly StepDraft[]): StepDraft {
  const last = Number(steps.at(-1)?.afterMinutes ?? -10);
  return { afterMinutes: String(Number.isFinite(last) ? last + 10 : 0), notify: ['it_leads'] };
}

function messageFor(path: string): MessageKey {
  if (path === 'name') return 'oncall.invalid.name';
  if (path.endsWith('afterMinutes')) return 'oncall.invalid.afterMinutes';
  if (path.includes('notify')) return 'oncall.invalid.notify';
  return 'oncall.invalid.steps';
}

/** The same checks as the server (shared schema), so most mistakes show before saving. */
export function checkPolicyDraft(draft: PolicyDraft, isDefault: boolean): { body: PolicyBody; errors?: undefined } | { errors: PolicyErrors } {
  const steps: EscalationStep[] = draft.steps.map((step) => ({ afterMinutes: step.afterMinutes.trim() === '' ? Number.NaN : Number(step.afterMinutes), notify: step.notify }));
  const parsed = policyBodySchema.safeParse({ name: draft.name, steps, isDefault });
  if (parsed.success) return { body: parsed.data };
  const errors: PolicyErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.slice(0, issue.path[0] === 'steps' && issue.path.length > 2 ? 3 : 2).join('.');
    errors[path] ??= messageFor(path);
  }
  return { errors };
}

/** Maps a 400 problem's `body.…` paths onto the draft's fields. */
export function policyErrorsFromProblem(problem: Problem | null): PolicyErrors {
  const errors: PolicyErrors = {};
  for (const { path } of problem?.errors ?? []) {
    const key = path.replace(/^body\./, '').split('.').slice(0, 3).join('.');
    errors[key] ??= messageFor(key);
  }
  return errors;
}
