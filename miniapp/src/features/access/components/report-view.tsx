import type { ReviewReport } from '@dingops/shared/access';
import { Button, List, ProgressBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { downloadReviewReport } from '../api/download-review-report';
import { canSaveFiles, saveBlob } from '../../../lib/save-file';
import styles from './access.module.css';

/** A campaign's evidence (rule S2/S5): decisions, revocations carried out, each reviewer's completion; 橡皮图章 flagged. */
export function ReportView({ report }: { report: ReviewReport }) {
  const { t } = useI18n();
  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    setDownloading(true);
    try {
      saveBlob(await downloadReviewReport(report.id), `review-${report.id}.csv`);
    } catch {
      Toast.show({ content: t('access.downloadFailed') });
    } finally {
      setDownloading(false);
    }
  };
  return (
    <div className={styles.page} data-testid="access-report" data-review-id={report.id}>
      <List header={report.name}>
        <List.Item extra={t('access.review.progress', { decided: report.decided, total: report.total })} description={<ProgressBar percent={report.total ? (report.decided / report.total) * 100 : 100} />}>
          {t('access.report.completion')}
        </List.Item>
        <List.Item extra={<span data-testid="access-report-keep">{report.decisions.keep}</span>}>{t('access.decision.keep')}</List.Item>
        <List.Item extra={<span data-testid="access-report-shorten">{report.decisions.shorten}</span>}>{t('access.decision.shorten')}</List.Item>
        <List.Item extra={<span data-testid="access-report-revoke">{report.decisions.revoke}</span>}>{t('access.decision.revoke')}</List.Item>
        <List.Item extra={report.revokesDone}>{t('access.report.revokesDone')}</List.Item>
      </List>
      <List header={t('access.report.reviewers')} data-testid="access-report-reviewers">
        {report.reviewers.map((reviewer) => (
          <List.Item
            key={reviewer.reviewerId}
            data-testid={`access-report-reviewer-${reviewer.reviewerId}`}
            data-rubber-stamp={reviewer.rubberStamp}
            extra={t('access.review.progress', { decided: reviewer.decided, total: reviewer.total })}
            description={reviewer.medianSecondsPerItem === null ? null : t('access.report.secondsPerItem', { seconds: Math.round(reviewer.medianSecondsPerItem) })}
          >
            <span className={styles.rowTitle}>
              <span>{reviewer.name ?? reviewer.reviewerId}</span>
              {reviewer.rubberStamp ? (
                <span className={`${styles.tag} ${styles.danger}`} title={t('access.report.rubberStampHint')} data-testid="access-report-rubber-stamp">
                  {t('access.report.rubberStamp')}
                </span>
              ) : null}
            </span>
          </List.Item>
        ))}
      </List>
      {canSaveFiles() ? (
        <div className={styles.actionBar}>
          <Button size="large" loading={downloading} onClick={() => void download()} data-testid="access-report-csv">
            {t('access.downloadCsv')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
