import type { Ticket } from '@dingops/shared/tickets';
import { Button, Popup, Toast } from 'antd-mobile';
import { useState } from 'react';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n, type MessageKey } from '../../../lib/i18n';
import { transitionTicket } from '../api/transition-ticket';
import { AutoTextArea } from './auto-text-area';
import { FieldError } from './field-error';
import fields from './report-fields.module.css';
import styles from './resolve-sheet.module.css';
import sheet from '../../../components/bottom-sheet.module.css';

type ResolveSheetProps = { ticketId: string | null; onClose: () => void; onResolved: (ticket: Ticket) => void };

/** Rules F5/F6: resolving records the cause found and, required, what fixed it. */
export function ResolveSheet({ ticketId, onClose, onResolved }: ResolveSheetProps) {
  const { t } = useI18n();
  const [cause, setCause] = useState('');
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<MessageKey | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (!ticketId) return;
    if (!resolution.trim()) {
      setError('ticket.resolveResolutionRequired');
      return;
    }
    setSaving(true);
    try {
      const body = { action: 'resolve' as const, cause: cause.trim() || undefined, resolution: resolution.trim() };
      const ticket = await transitionTicket({ ticketId, body, silent: true });
      setCause('');
      setResolution('');
      onResolved(ticket);
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
      <div className={sheet.body} data-testid="resolve-sheet">
        <h2 className={sheet.title}>{t('ticket.resolveTitle')}</h2>
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
