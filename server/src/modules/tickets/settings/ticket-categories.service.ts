import { defaultTicketCategoryCodes, type TicketCategoryNode } from '@dingops/shared/tickets';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import type { TicketCategoriesRepository } from './ticket-categories.repository';
import { checkCategoryTree, maxCategoryDepth } from './ticket-categories.rules';
import { invalidField } from '../tickets.errors';
import { categoryLabels, categoryLabelsEn, monitoringCategory } from '../tickets.labels';
import type { TicketCategoryRow } from '../tickets.table';

interface CategoryDeps {
  db: Db;
  repo: TicketCategoriesRepository;
  audit: AuditService;
  clock: () => Date;
}

const toNode = (row: TicketCategoryRow): TicketCategoryNode => ({
  code: row.code,
  parentCode: row.parentCode,
  name: { zh: row.nameZh, en: row.nameEn },
  sortOrder: row.sortOrder,
  active: row.active,
});

const treeProblemMessages = {
  missing_parent: 'the parent category does not exist',
  cycle: 'a category cannot sit under itself or its own children',
  too_deep: `the tree is at most ${maxCategoryDepth} levels deep`,
} as const;

/** The category tree IT edits; tickets store the code, cards and reports show the Chinese name. */
export function createTicketCategoriesService({ db, repo, audit, clock }: CategoryDeps) {
  return {
    /** A new installation starts with the default categories plus the monitoring root for alert tickets. */
    async seedDefaults() {
      if ((await repo.list()).length > 0) return;
      const updatedAt = clock();
      const defaults = defaultTicketCategoryCodes.map((code, index) => ({ code, parentCode: null, nameZh: categoryLabels[code] ?? code, nameEn: categoryLabelsEn[code] ?? code, sortOrder: (index + 1) * 10, active: true, updatedAt }));
      const monitoring = { code: monitoringCategory.code, parentCode: null, nameZh: monitoringCategory.zh, nameEn: monitoringCategory.en, sortOrder: 1000, active: true, updatedAt };
      await repo.insertMissing([...defaults, monitoring]);
    },

    async list({ includeInactive }: { includeInactive: boolean }): Promise<TicketCategoryNode[]> {
      const rows = await repo.list();
      return rows.filter((row) => includeInactive || row.active).map(toNode);
    },

    async put({ code, body, context }: { code: string; body: Omit<TicketCategoryNode, 'code'>; context: AuditContext }): Promise<TicketCategoryNode> {
      return db.transaction(async (tx) => {
        const nodes = await repo.list(tx);
        const problem = checkCategoryTree(nodes, { code, parentCode: body.parentCode });
        if (problem) throw invalidField('tickets.invalid_category_tree', 'body.parentCode', treeProblemMessages[problem.kind]);
        const before = nodes.find((node) => node.code === code) ?? null;
        const saved = await repo.upsert({ code, parentCode: body.parentCode, nameZh: body.name.zh, nameEn: body.name.en, sortOrder: body.sortOrder, active: body.active, updatedAt: clock() }, tx);
        await audit.record(context, { action: before ? 'tickets.category_changed' : 'tickets.category_created', target: { type: 'ticket_category', id: code }, summary: { before: before ? toNode(before) : null, after: toNode(saved) } }, tx);
        return toNode(saved);
      });
    },

    /** Rule R5: a report names a category that exists and is in use. */
    async requireActive(code: string, tx?: Executor) {
      const row = await repo.find(code, tx);
      if (!row || !row.active) throw invalidField('tickets.unknown_category', 'body.category', `"${code}" is not a category in use: pick one from the category list`);
      return row;
    },

    /** The Chinese name cards and reports print; an unknown code prints as itself. */
    async nameOf(code: string, tx?: Executor): Promise<string> {
      return (await repo.find(code, tx))?.nameZh ?? categoryLabels[code] ?? code;
    },

    async namesByCode(tx?: Executor): Promise<Map<string, string>> {
      return new Map((await repo.list(tx)).map((row) => [row.code, row.nameZh]));
    },
  };
}

export type TicketCategoriesService = ReturnType<typeof createTicketCategoriesService>;
