import { useLoaded } from '../../../hooks/use-loaded';
import { listTicketCategories } from '../../../lib/api/ticket-categories';

/** The whole tree, inactive nodes included; `reload` after every change (the server orders and checks it). */
export const useAllCategories = () => useLoaded((signal) => listTicketCategories({ all: true, signal, silent: true }), 'all-categories');
