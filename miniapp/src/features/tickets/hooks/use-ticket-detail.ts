import type { Attachment, TicketDetail } from '@dingops/shared/tickets';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { getTicket } from '../api/get-ticket';

type DetailState = { status: 'loading' } | { status: 'failed'; error: ApiError | null } | { status: 'ready'; ticket: TicketDetail };

/** One ticket with its timeline; `refresh` re-reads it in place after an action or a comment. */
export function useTicketDetail(ticketId: string) {
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const [reloads, setReloads] = useState(0);
  // The ticket on screen now, so an answer for one the user has left is not shown.
  const latest = useRef(ticketId);

  useEffect(() => {
    latest.current = ticketId;
    const controller = new AbortController();
    setState({ status: 'loading' });
    getTicket({ ticketId, signal: controller.signal })
      .then((ticket) => setState({ status: 'ready', ticket }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error: error instanceof ApiError ? error : null });
      });
    return () => controller.abort();
  }, [ticketId, reloads]);

  const refresh = useCallback(async () => {
    const ticket = await getTicket({ ticketId });
    if (latest.current === ticketId) setState({ status: 'ready', ticket });
    return ticket;
  }, [ticketId]);

  const show = useCallback((ticket: TicketDetail) => {
    if (latest.current === ticket.id) setState({ status: 'ready', ticket });
  }, []);

  const reload = useCallback(() => setReloads((count) => count + 1), []);

  /** A screenshot just uploaded: shown at once, without re-reading the ticket. */
  const addAttachment = useCallback((attachment: Attachment) => {
    setState((previous) => {
      if (previous.status !== 'ready' || previous.ticket.attachments.some((known) => known.id === attachment.id)) return previous;
      return { ...previous, ticket: { ...previous.ticket, attachments: [...previous.ticket.attachments, attachment] } };
    });
  }, []);

  return { state, refresh, show, reload, addAttachment };
}
