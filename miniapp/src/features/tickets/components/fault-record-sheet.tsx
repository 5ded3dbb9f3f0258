import type { Ticket } from '@dingops/shared/tickets';
import { Button, Popup, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { saveFaultRecord } from '../api/save-fault-record';
import { AutoTextArea } from './auto-text-area';
import { FaultRecordFields, parseMinutes, type FaultRecordDraft } from './fault-record-fields';
import fields from './report-fields.module.css';
import styles from './resolve-sheet.module.css';
import sheet from '../../../components/bottom-sheet.module.css';

type FaultRecordSheetProps = { ticket: Ticket; onClose: () => void; onSaved: () => void };

/** Rule F6: IT writes down what the fault was, what was done and how it ended. Loaded on first use. */
export function FaultRecordSheet({ ticket, onClose, onSaved }: FaultRecordSheetProps) {
  const { t } = useI18n();
  const [record, setRecord] = useState<FaultRecordDraft>({
    causeCategory: ticket.causeCategory,
    actionsTaken: ticket.actionsTaken,
    timeSpent: ticket.timeSpentMinutes === null ? '' : String(ticket.timeSpentMinutes),
  });
  const [cause, setCause] = useState(ticket.cause ?? '');
  const [resolution, setResolution] = useState(ticket.resolution ?? '');
  const [minutesInvalid, setMinutesInvalid] = useState(false);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const minutes = parseMinutes(record.timeSpent);
    if (minutes === 'invalid') return setMinutesInvalid(true);
    setSaving(true);
    try {
      const body = { causeCategory: record.causeCategory, cause: cause.trim() || null, actionsTaken: record.actionsTaken, resolution: resolution.trim() || null, timeSpentMinutes: minutes };
      await saveFaultRecord({ ticketId: ticket.id, body });
      Toast.show({ icon: 'success', content: t('tickets.more.recordSaved') });
      onSaved();
    } catch (caught) {
      if (caught instanceof ApiError) Toast.show({ content: describeApiError(caught) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Popup visible onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet}>
      <div className={`${sheet.body} ${styles.scroll}`} data-testid="fault-record-sheet">
        <h2 className={sheet.title}>{t('tickets.more.faultRecord')}</h2>
        <FaultRecordFields
          idPrefix="record"
          draft={record}
          onChange={(next) => {
            setRecord(next);
            setMinutesInvalid(false);
          }}
          minutesInvalid={minutesInvalid}
        />
        <div className={styles.field}>
          <label htmlFor="record-cause" className={fields.label}>
            {t('ticket.cause')}
          </label>
          <div className={styles.box}>
            <AutoTextArea id="record-cause" data-testid="record-cause" value={cause} onChange={setCause} maxLength={2000} placeholder={t('ticket.resolveCausePlaceholder')} />
          </div>
        </div>
        <div className={styles.field}>
          <label htmlFor="record-resolution" className={fields.label}>
            {t('ticket.resolution')}
          </label>
          <div className={styles.box}>
            <AutoTextArea id="record-resolution" data-testid="record-resolution" value={resolution} onChange={setResolution} maxLength={4000} placeholder={t('ticket.resolveResolutionPlaceholder')} />
          </div>
        </div>
        <div className={styles.actions}>
          <Button className={styles.button} onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button className={styles.button} color="primary" loading={saving} onClick={() => void submit()} data-testid="record-submit">
            {t('tickets.more.save')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
