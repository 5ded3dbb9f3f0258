import type { Ticket } from '@dingops/shared/tickets';
import { Button, NoticeBar, Toast } from 'antd-mobile';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '../../../config/paths';
import { useI18n } from '../../../lib/i18n';
import { useReportForm } from '../hooks/use-report-form';
import { ReportFaultSection } from './report-fault-section';
import styles from './report-form.module.css';
import { ReportImagesSection } from './report-images-section';
import { ReportImpactSection } from './report-impact-section';
import { ReportMoreSection } from './report-more-section';

/** Report a fault (rules F3, R5): the essentials first, then screenshots, optional detail folded away. */
export function ReportForm({ userId, onCreated }: { userId: string; onCreated: (ticket: Ticket) => void }) {
  const { t } = useI18n();
  const { clear, submit, submitting, uploadProgress, restored, imagePicker, ...section } = useReportForm({ userId, onCreated });
  const [showRestored, setShowRestored] = useState(restored);
  // Bumped when the draft is cleared, so folded sections fold again.
  const [generation, setGeneration] = useState(0);
  const navigate = useNavigate();

  const clearAll = () => {
    clear();
    setShowRestored(false);
    setGeneration((count) => count + 1);
  };
  // An article answered it: nothing to report, nothing to keep.
  const solved = () => {
    clear();
    Toast.show({ icon: 'success', content: t('tickets.more.solvedThanks') });
    void navigate(paths.home.getHref(), { replace: true });
  };
  // While the screenshots go up one by one, the button says how far along they are.
  const uploadingText = uploadProgress ? t('report.uploadingImages', { done: Math.min(uploadProgress.done + 1, uploadProgress.total), total: uploadProgress.total }) : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <form className={styles.form} noValidate onSubmit={onSubmit} data-testid="report-form">
      <div className={styles.fields} key={generation}>
        {showRestored ? (
          <NoticeBar
            color="info"
            content={t('report.draftRestored')}
            extra={
              <button type="button" className={styles.clear} onClick={clearAll} data-testid="report-clear-draft">
                {t('report.clearDraft')}
              </button>
            }
          />
        ) : null}
        <ReportFaultSection {...section} onSolved={solved} />
        <ReportImpactSection {...section} />
        <ReportImagesSection {...imagePicker} disabled={submitting} />
        <ReportMoreSection {...section} />
      </div>
      <div className={styles.submitBar}>
        <Button className={styles.submit} block color="primary" type="submit" loading={submitting} loadingText={uploadingText} data-testid="report-submit">
          {t('report.submit')}
        </Button>
      </div>
    </form>
  );
}
