import type { RuleSet } from '@dingops/shared/alerts';
import { type AlertRule, classifyAlert } from '@dingops/shared/rules/alert-classify';
import { fingerprintOf, groupKeyOf, groupLabelsOf } from '@dingops/shared/rules/alert-grouping';
import type { Db } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { cachedValue, checkMatchers } from '../alerts.shared';
import type { RulesRepository } from './rules.repository';

/**
 * Classification rules (rule F2): first match decides an alert's level and route. Every ingest
 * batch and group-state pass reads them, so they are cached per instance.
 */
export function createRulesService({ db, repo, audit, clock, settings }: { db: Db; repo: RulesRepository; audit: AuditService; clock: () => Date; settings: { groupBy: string[]; cacheMs: number } }) {
  const rules = cachedValue(() => repo.loadRules(), settings.cacheMs, clock);

  return {
    /** The rules in force (cached). */
    current: (): Promise<AlertRule[]> => rules.get(),
    getRules: async (): Promise<RuleSet> => ({ rules: await repo.loadRules() }),
    async putRules({ body, context }: { body: RuleSet; context: AuditContext }): Promise<RuleSet> {
      body.rules.forEach((rule, index) => checkMatchers(rule.matchers, `body.rules.${index}.matchers`));
      await db.transaction(async (tx) => {
        await repo.replaceRules(body.rules, clock(), tx);
        await audit.record(context, { action: 'alerts.rules_updated', target: { type: 'alert_rules', id: 'all' }, summary: { count: body.rules.length, names: body.rules.map((rule) => rule.name).slice(0, 50) } }, tx);
      });
      rules.clear();
      return { rules: body.rules };
    },
    async testRules({ labels, candidate }: { labels: Record<string, string>; candidate: AlertRule[] | undefined }) {
      if (candidate) candidate.forEach((rule, index) => checkMatchers(rule.matchers, `body.rules.${index}.matchers`));
      const result = classifyAlert({ labels, rules: candidate ?? (await rules.get()) });
      return { level: result.level, matchedRule: result.ruleName, reason: result.reason, route: result.route, groupKey: groupKeyOf(groupLabelsOf(labels, settings.groupBy)), fingerprint: fingerprintOf(labels) };
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
