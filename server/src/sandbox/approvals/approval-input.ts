import type { OrgDirectory } from '../org';
import { approvalProblem } from './approval-problems';
import { fail, type ApprovalNode, type EngineResult, type FormValue, type StartInput } from './approval-types';
import type { ProcessDefinition } from './process-definitions';

// What a start request must carry: the template's form filled in, and the approvers (given, or the
// template's own flow from the originator's managers).

/** The manager `level` steps up from the originator; null past the top. */
function managerAt(org: OrgDirectory, userId: string, level: number): string | null {
  let current: string | null = userId;
  for (let step = 0; step < level && current; step += 1) current = org.getUser(current)?.managerUserId ?? null;
  return current && current !== userId ? current : null;
}

/** The form's values in the template's order; unknown, missing required and off-list values are refused. */
export function validateForm(definition: ProcessDefinition, values: StartInput['formComponentValues']): EngineResult<FormValue[]> {
  const byLabel = new Map(definition.components.map((component) => [component.label, component]));
  for (const entry of values) {
    if (!byLabel.has(entry.name)) return fail(approvalProblem('formComponentNotFound', `表单中没有名为"${entry.name}"的组件`));
  }
  const form: FormValue[] = [];
  for (const component of definition.components) {
    const value = values.find((entry) => entry.name === component.label)?.value ?? '';
    if (component.required && value.trim() === '') return fail(approvalProblem('formComponentRequired', `"${component.label}"为必填项`));
    if (component.options && value !== '' && !component.options.includes(value)) return fail(approvalProblem('formComponentValueInvalid', `"${component.label}"的值不在选项中`));
    form.push({ id: component.id, name: component.label, value, componentType: component.componentType, bizAlias: component.bizAlias, extValue: '' });
  }
  return { ok: true, value: form };
}

/** The approver nodes: the request's own list, or the template's flow. */
export function buildNodes(input: StartInput, definition: ProcessDefinition, org: OrgDirectory): EngineResult<ApprovalNode[]> {
  if (input.approvers && input.approvers.length > 0) {
    const nodes: ApprovalNode[] = [];
    for (const [index, entry] of input.approvers.entries()) {
      const actionType = entry.actionType.toUpperCase();
      if (actionType !== 'AND' && actionType !== 'OR' && actionType !== 'NONE') return fail(approvalProblem('approversInvalid', `不支持的审批方式 ${entry.actionType}`));
      const unknown = entry.userIds.find((userId) => !org.getUser(userId));
      if (entry.userIds.length === 0 || unknown) return fail(approvalProblem('approversInvalid', unknown ? `审批人 ${unknown} 不存在` : '审批人不能为空'));
      if (actionType === 'NONE' && entry.userIds.length > 1) return fail(approvalProblem('approversInvalid', '单人审批只能有一个审批人'));
      nodes.push({ activityId: `node_${index + 1}`, actionType, userIds: [...new Set(entry.userIds)] });
    }
    return { ok: true, value: nodes };
  }
  // The template's own flow; a step with nobody to ask (the CEO's manager) is skipped, as
  // DingTalk does with "审批人为空时自动通过".
  const nodes = definition.defaultFlow.flatMap((step, index) => {
    const approver = managerAt(org, input.originatorUserId, step.level);
    return approver ? [{ activityId: `node_${index + 1}`, actionType: 'NONE' as const, userIds: [approver] }] : [];
  });
  return { ok: true, value: nodes };
}
