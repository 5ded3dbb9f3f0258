import type { ReviewDecision, ReviewReport } from '@dingops/shared/access';
import { riskLabels } from '@dingops/shared/access';
import { rubberStampOf, secondsPerDecision } from '@dingops/shared/rules/access';
import type { Readable } from 'node:stream';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { csvStream, type CsvValue } from '../../../platform/http/csv';
import { beijing } from '../access.messages';
import type { People } from '../access.people';
import { reviewNotFound } from './reviews.errors';
import type { ReviewsRepository } from './reviews.repository';

const decisionLabels: Record<ReviewDecision, string> = { keep: '保留', revoke: '收回', shorten: '缩短' };
const csvHeader = ['类型', '复核人', '复核人ID', '项数', '已决定', '疑似走过场', '每项中位秒数', '持有人', '持有人ID', '系统', '角色', '风险', '决定', '说明', '决定人ID', '决定时间', '到期'];
/** Items are read for the CSV in pages of this size, as the client takes them. */
const csvPageSize = 5000;

type ReviewerRow = Awaited<ReturnType<ReviewsRepository['reviewerRows']>>[number];

/**
 * Per reviewer: how far they got, and whether they rubber-stamped — timed from when they first
 * opened their list to each decision they made themselves (not the manager's after escalation).
 */
function reviewersOf(rows: ReviewerRow[]) {
  const byReviewer = new Map<string, ReviewerRow[]>();
  for (const row of rows) {
    const list = byReviewer.get(row.reviewer);
    if (list) list.push(row);
    else byReviewer.set(row.reviewer, [row]);
  }
  return [...byReviewer].map(([reviewerId, items]) => {
    const own = items.filter((item) => item.decision !== null && item.decidedBy === reviewerId && item.decidedAt !== null);
    const opened = items.reduce<Date | null>((first, item) => (item.firstSeenAt && (!first || item.firstSeenAt < first) ? item.firstSeenAt : first), null);
    const seconds = opened ? secondsPerDecision(opened, own.map((item) => item.decidedAt!)) : [];
    const stamp = rubberStampOf({ decisions: own.map((item) => item.decision!), secondsPerItem: seconds });
    return { reviewerId, total: items.length, decided: items.filter((item) => item.decision !== null).length, rubberStamp: stamp.flagged, medianSecondsPerItem: stamp.medianSeconds };
  });
}

/** The campaign's evidence for auditors (rules S2, S5): completion, decisions, revocations carried out, rubber-stamping. */
export function createReviewReports({ repo, people, audit }: { repo: ReviewsRepository; people: People; audit: AuditService }) {
  async function report(id: number): Promise<ReviewReport> {
    const review = await repo.find(id);
    if (!review) throw reviewNotFound(id);
    const counts = await repo.decisionCounts(id);
    const reviewers = reviewersOf(await repo.reviewerRows(id));
    const names = await people.names(reviewers.map((reviewer) => reviewer.reviewerId));
    return {
      id: review.id,
      name: review.name,
      total: counts.total,
      decided: counts.decided,
      decisions: { keep: counts.keep, revoke: counts.revoke, shorten: counts.shorten },
      revokesDone: counts.revokesDone,
      reviewers: reviewers.map((reviewer) => ({ ...reviewer, name: names.get(reviewer.reviewerId) ?? null })),
    };
  }

  async function* itemRows(id: number): AsyncIterable<CsvValue[][]> {
    let afterId: number | null = null;
    for (;;) {
      const rows = await repo.items({ reviewId: id, userId: null, pendingOnly: false, afterId, limit: csvPageSize });
      if (rows.length === 0) return;
      const names = await people.names(rows.map(({ grant }) => grant.userDingtalkId));
      yield rows.map(({ item, grant, roleName, risk, systemName }) => [
        '复核项',
        null,
        item.reviewerDingtalkId,
        null,
        null,
        null,
        null,
        names.get(grant.userDingtalkId) ?? grant.userName,
        grant.userDingtalkId,
        systemName,
        roleName,
        riskLabels[risk],
        item.decision ? decisionLabels[item.decision] : '未决定',
        item.comment,
        item.decidedBy,
        item.decidedAt ? beijing(item.decidedAt) : null,
        beijing(grant.endsAt),
      ]);
      afterId = rows.at(-1)!.item.id;
    }
  }

  return {
    report,

    /** One row per reviewer, then one per item; exporting the evidence is audited. */
    async csv({ id, context }: { id: number; context: AuditContext }): Promise<{ fileName: string; body: Readable }> {
      const summary = await report(id);
      await audit.record(context, { action: 'access.review_exported', target: { type: 'access_review', id: String(id) }, summary: { name: summary.name, items: summary.total } });
      async function* batches(): AsyncIterable<CsvValue[][]> {
        yield summary.reviewers.map((reviewer) => ['复核人', reviewer.name, reviewer.reviewerId, reviewer.total, reviewer.decided, reviewer.rubberStamp ? '是' : '否', reviewer.medianSecondsPerItem]);
        yield* itemRows(id);
      }
      return { fileName: `access-review-${id}.csv`, body: csvStream({ header: csvHeader, batches: batches() }) };
    },
  };
}

export type ReviewReports = ReturnType<typeof createReviewReports>;
