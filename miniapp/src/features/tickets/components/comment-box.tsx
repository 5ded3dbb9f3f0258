import type { TicketDetail } from '@dingops/shared/tickets';
import { Button, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { addComment } from '../api/add-comment';
import { AutoTextArea } from './auto-text-area';
import styles from './comment-box.module.css';

/** A note on the ticket's timeline, from the reporter or from IT. */
export function CommentBox({ ticketId, onPosted }: { ticketId: string; onPosted: (ticket: TicketDetail) => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (!note.trim()) return;
    setSending(true);
    try {
      const ticket = await addComment({ ticketId, note: note.trim() });
      setNote('');
      Toast.show({ icon: 'success', content: t('ticket.commentSent') });
      onPosted(ticket);
    } catch {
      // the API client has shown the error; the note stays for another try
    } finally {
      setSending(false);
    }
  };

  return (
    <div className={styles.box}>
      <div className={styles.input}>
        <AutoTextArea
          rows={1}
          value={note}
          onChange={setNote}
          maxLength={4000}
          placeholder={t('ticket.commentPlaceholder')}
          aria-label={t('ticket.comment')}
          data-testid="ticket-comment-input"
        />
      </div>
      <Button className={styles.send} color="primary" disabled={!note.trim()} loading={sending} onClick={() => void send()} data-testid="ticket-comment-send">
        {t('ticket.commentSend')}
      </Button>
    </div>
  );
}
