import type { Ticket } from '@dingops/shared/tickets';
import { Button, ErrorBlock } from 'antd-mobile';
import { AccessNotice } from '../../../components/access-notice';
import { CenteredStatus } from '../../../components/centered-status';
import { paths } from '../../../config/paths';
import { describeApiError } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useTicketDetail } from '../hooks/use-ticket-detail';
import { useViewer } from '../hooks/use-viewer';
import { CommentBox } from './comment-box';
import { FaultRecordSection } from './fault-record-section';
import { MergedNotice } from './merged-notice';
import { MeTooBar } from './me-too-bar';
import { TicketActions } from './ticket-actions';
import { TicketAttachments } from './ticket-attachments';
import styles from './ticket-detail-view.module.css';
import { TicketFacts } from './ticket-facts';
import { TicketHeader } from './ticket-header';
import { TicketItTools } from './ticket-it-tools';
import { TicketTimeline } from './ticket-timeline';

type TicketDetailViewProps = {
  ticketId: string;
  /** Told after every action, with the ticket as it now stands (the queue updates its row). */
  onChanged?: (ticket: Ticket) => void;
};

/** A whole ticket: header and clocks, the record, its screenshots, the timeline, a comment box and the allowed actions. */
export function TicketDetailView({ ticketId, onChanged }: TicketDetailViewProps) {
  const { t } = useI18n();
  const { state, refresh, show, reload, addAttachment } = useTicketDetail(ticketId);
  const viewer = useViewer();
  const isIt = Boolean(viewer?.roles.some((role) => role === 'it_staff' || role === 'it_admin'));

  if (state.status === 'loading') return <CenteredStatus text={t('common.loading')} />;
  if (state.status === 'failed') {
    const missing = state.error?.status === 404;
    // The server does not tell "no such ticket" from "not yours to see": the notice says both, and what to do.
    if (missing) return <AccessNotice kind="not_found" title={t('access.ticketTitle')} reason={t('access.ticketReason')} hint={t('access.ticketHint')} action={{ label: t('access.toMyTickets'), to: paths.myTickets.getHref() }} />;
    return (
      <ErrorBlock
        className={styles.block}
        status={missing ? 'empty' : 'disconnected'}
        title={missing ? t('error.notFound') : t('error.pageTitle')}
        description={state.error && !missing ? describeApiError(state.error) : null}
        data-testid="ticket-error"
      >
        {missing ? null : (
          <Button color="primary" className={styles.retry} onClick={reload}>
            {t('common.retry')}
          </Button>
        )}
      </ErrorBlock>
    );
  }

  const { ticket } = state;
  const changed = (updated: Ticket) => {
    onChanged?.(updated);
    // The answer to an action has no timeline: read the whole ticket again.
    refresh().catch(() => undefined);
  };
  // Answers to the newer actions carry no ticket: read it again and tell the queue.
  const reread = () => {
    refresh()
      .then((updated) => onChanged?.(updated))
      .catch(() => undefined);
  };

  return (
    <div className={styles.detail} data-testid="ticket-detail" data-ticket-id={ticket.id}>
      <div className={styles.content}>
        <MergedNotice ticket={ticket} />
        <TicketHeader ticket={ticket} />
        <MeTooBar ticket={ticket} viewerId={viewer?.id ?? null} onChanged={reread} />
        {isIt ? <TicketItTools ticket={ticket} onChanged={reread} /> : null}
        <TicketFacts ticket={ticket} />
        <FaultRecordSection ticket={ticket} />
        <TicketAttachments ticket={ticket} onUploaded={addAttachment} />
        <TicketTimeline events={ticket.timeline} />
        <CommentBox ticketId={ticket.id} onPosted={show} />
      </div>
      <TicketActions ticket={ticket} onChanged={changed} />
    </div>
  );
}
