import type { Ticket } from '@dingops/shared/tickets';
import { Button, Popup, Switch, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { transitionTicket } from '../api/transition-ticket';
import { AutoTextArea } from './auto-text-area';
import { FaultRecordFields, parseMinutes, type FaultRecordDraft } from './fault-record-fields';
import { FieldError } from './field-error';
import fields from './report-fields.module.css';
import styles from './resolve-sheet.module.css';
import sheet from '../../../components/bottom-sheet.module.css';

type ResolveSheetProps = { ticket: Ticket | null; onClose: () => void; onResolved: (ticket: Ticket) => void };

const emptyRecord: FaultRecordDraft = { causeCategory: null, actionsTaken: [], timeSpent: '' };

/** Rules F5/F6: resolving records the cause found, what was done, the time it took and, required, what fixed it; optionally as a knowledge article. */
export function ResolveSheet({ ticket: open, onClose, onResolved }: ResolveSheetProps) {
  const { t } = useI18n();
  const ticketId = open?.id ?? null;
  const [cause, setCause] = useState('');
  const [resolution, setResolution] = useState('');
  const [record, setRecord] = useState<FaultRecordDraft>(emptyRecord);
  const [publishArticle, setPublishArticle] = useState(false);
  const [minutesInvalid, setMinutesInvalid] = useState(false);
  const [error, setError] = useState<MessageKey | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  // On opening, start from the fault record IT may already have written, so resolving never blanks it.
  const [seededFor, setSeededFor] = useState<string | null>(null);
  if (open && seededFor !== open.id) {
    setSeededFor(open.id);
    setCause((current) => current || (open.cause ?? ''));
    setResolution((current) => current || (open.resolution ?? ''));
    setRecord({ causeCategory: open.causeCategory, actionsTaken: open.actionsTaken, timeSpent: open.timeSpentMinutes === null ? '' : String(open.timeSpentMinutes) });
  } else if (!open && seededFor !== null) {
    setSeededFor(null);
  }

  const submit = async () => {
    if (!ticketId) return;
    if (!resolution.trim()) {
      setError('ticket.resolveResolutionRequired');
      return;
    }
    const minutes = parseMinutes(record.timeSpent);
    if (minutes === 'invalid') return setMinutesInvalid(true);
    setSaving(true);
    try {
      const body = {
        action: 'resolve' as const,
        cause: cause.trim() || undefined,
        resolution: resolution.trim(),
        causeCategory: record.causeCategory ?? undefined,
        actionsTaken: record.actionsTaken.length > 0 ? record.actionsTaken : undefined,
        timeSpentMinutes: minutes ?? undefined,
        publishArticle: publishArticle || undefined,
      };
      const resolved = await transitionTicket({ ticketId, body, silent: true });
      setCause('');
      setResolution('');
      setRecord(emptyRecord);
      setPublishArticle(false);
      onResolved(resolved);
    } catch (caught) {
      if (!(caught instanceof ApiError)) return;
      const paths = caught.problem?.errors?.map((item) => item.path) ?? [];
      if (paths.includes('body.resolution')) setError('ticket.resolveResolutionRequired');
      else if (paths.includes('body.cause')) setError('ticket.tooLong');
      else Toast.show({ content: describeApiError(caught) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Popup visible={ticketId !== null} onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet}>
      <div className={`${sheet.body} ${styles.scroll}`} data-testid="resolve-sheet">
        <h2 className={sheet.title}>{t('ticket.resolveTitle')}</h2>
        <FaultRecordFields
          idPrefix="resolve"
          draft={record}
          onChange={(next) => {
            setRecord(next);
            setMinutesInvalid(false);
          }}
          minutesInvalid={minutesInvalid}
        />
        <div className={styles.field}>
          <label htmlFor="resolve-cause" className={fields.label}>
            {t('ticket.cause')}
          </label>
          <div className={styles.box}>
            <AutoTextArea id="resolve-cause" data-testid="resolve-cause" value={cause} onChange={setCause} maxLength={2000} placeholder={t('ticket.resolveCausePlaceholder')} />
          </div>
        </div>
        <div className={styles.field}>
          <label htmlFor="resolve-resolution" className={`${fields.label} ${fields.required}`}>
            {t('ticket.resolution')}
          </label>
          <div className={styles.box}>
            <AutoTextArea
              id="resolve-resolution"
              data-testid="resolve-resolution"
              value={resolution}
              onChange={(value) => {
                setResolution(value);
                setError(undefined);
              }}
              maxLength={4000}
              placeholder={t('ticket.resolveResolutionPlaceholder')}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'resolve-resolution-error' : undefined}
            />
          </div>
          <FieldError id="resolve-resolution-error" message={error} />
        </div>
        <div className={styles.switchRow}>
          <div>
            <span id="resolve-publish-label" className={fields.label}>
              {t('tickets.more.publishArticle')}
            </span>
            <p className={styles.hint}>{t('tickets.more.publishArticleHint')}</p>
          </div>
          <Switch checked={publishArticle} onChange={setPublishArticle} aria-labelledby="resolve-publish-label" data-testid="resolve-publish" />
        </div>
        <div className={styles.actions}>
          <Button className={styles.button} onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button className={styles.button} color="primary" loading={saving} onClick={() => void submit()} data-testid="resolve-submit">
            {t('ticket.resolveSubmit')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
