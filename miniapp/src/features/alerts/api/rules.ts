import { ruleSetSchema, ruleTestResultSchema, type RuleSet } from '@dingops/shared/alerts';
import { apiRequest } from '../../../lib/api-client';

/** GET /alerts/rules (IT): classification rules in order, first match wins. */
export async function getRules(signal?: AbortSignal) {
  return (await apiRequest('/alerts/rules', { schema: ruleSetSchema, signal, silent: true })).rules;
}

/** PUT /alerts/rules (it_admin): the whole ordered list at once. */
export async function saveRules(rules: RuleSet['rules']) {
  return (await apiRequest('/alerts/rules', { method: 'PUT', body: { rules }, schema: ruleSetSchema, silent: true })).rules;
}

/** POST /alerts/rules/test (IT): what a sample alert would get; `rules` tries a draft before saving. */
export function testRules(labels: Record<string, string>, rules?: RuleSet['rules']) {
  return apiRequest('/alerts/rules/test', { method: 'POST', body: { labels, rules }, schema: ruleTestResultSchema, silent: true });
}
