import type { Ticket } from '@dingops/shared/tickets';
import { Button, Dialog, List, Popup, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { ApiError, describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { listTickets } from '../api/list-tickets';
import { mergeTicket } from '../api/merge-ticket';
import { ticketIdFromInput, ticketNumberOf } from '../utils/ticket-number';
import { isOpenStatus } from '../utils/ticket-state';
import { FieldError } from './field-error';
import fields from './report-fields.module.css';
import styles from './resolve-sheet.module.css';
import sheet from '../../../components/bottom-sheet.module.css';
import { StatusTag } from './status-tag';

type MergeSheetProps = { ticket: Ticket; onClose: () => void; onMerged: () => void };

/** Open tickets of the same category: the likely originals of a duplicate. */
function useCandidates(ticket: Ticket): Ticket[] {
  const [candidates, setCandidates] = useState<Ticket[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    listTickets({ view: 'all', filters: { category: ticket.category }, limit: 20, signal: controller.signal })
      .then((page) => setCandidates(page.items.filter((item) => item.id !== ticket.id && isOpenStatus(item.status)).slice(0, 5)))
      .catch(() => undefined); // typing the number still works
    return () => controller.abort();
  }, [ticket.id, ticket.category]);
  return candidates;
}

/** IT marks this ticket a duplicate of another (typed as GZ-000123 or picked); the duplicate is cancelled. Loaded on first use. */
export function MergeSheet({ ticket, onClose, onMerged }: MergeSheetProps) {
  const { t } = useI18n();
  const candidates = useCandidates(ticket);
  const [input, setInput] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);

  const merge = async (intoTicketId: string) => {
    if (intoTicketId === ticket.id) return setInvalid(true);
    const confirmed = await Dialog.confirm({
      title: t('tickets.more.mergeConfirmTitle', { number: ticketNumberOf(intoTicketId) }),
      content: t('tickets.more.mergeConfirm', { number: ticket.number, into: ticketNumberOf(intoTicketId) }),
      confirmText: t('tickets.more.merge'),
      cancelText: t('common.cancel'),
    });
    if (!confirmed) return;
    setSaving(true);
    try {
      await mergeTicket({ ticketId: ticket.id, intoTicketId });
      Toast.show({ icon: 'success', content: t('tickets.more.merged') });
      onMerged();
    } catch (caught) {
      if (caught instanceof ApiError) Toast.show({ content: caught.status === 404 ? t('tickets.more.mergeTargetMissing') : describeApiError(caught) });
    } finally {
      setSaving(false);
    }
  };

  const submitTyped = () => {
    const id = ticketIdFromInput(input);
    if (!id) return setInvalid(true);
    void merge(id);
  };

  return (
    <Popup visible onMaskClick={onClose} onClose={onClose} bodyClassName={sheet.sheet}>
      <div className={`${sheet.body} ${styles.scroll}`} data-testid="merge-sheet">
        <h2 className={sheet.title}>{t('tickets.more.mergeTitle')}</h2>
        <div className={styles.field}>
          <label htmlFor="merge-target" className={fields.label}>
            {t('tickets.more.mergeTarget')}
          </label>
          <div className={styles.box}>
            <input
              id="merge-target"
              className={fields.input}
              data-testid="merge-target"
              value={input}
              placeholder="GZ-000123"
              autoComplete="off"
              enterKeyHint="done"
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? 'merge-target-error' : undefined}
              onChange={(event) => {
                setInput(event.target.value);
                setInvalid(false);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') submitTyped();
              }}
            />
          </div>
          <FieldError id="merge-target-error" message={invalid ? 'tickets.more.mergeTargetInvalid' : undefined} />
        </div>
        {candidates.length > 0 ? (
          <List header={t('tickets.more.mergeCandidates')} className={styles.field}>
            {candidates.map((candidate) => (
              <List.Item
                key={candidate.id}
                description={candidate.number}
                extra={<StatusTag status={candidate.status} />}
                onClick={() => void merge(candidate.id)}
                data-testid={`merge-candidate-${candidate.id}`}
              >
                {candidate.title}
              </List.Item>
            ))}
          </List>
        ) : null}
        <div className={styles.actions}>
          <Button className={styles.button} onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button className={styles.button} color="primary" loading={saving} onClick={submitTyped} data-testid="merge-submit">
            {t('tickets.more.merge')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
