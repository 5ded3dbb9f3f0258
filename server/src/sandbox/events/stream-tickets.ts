import { randomUUID } from 'node:crypto';
import type { Subscription } from './stream-frames';

/** A ticket opens one connection and lives 90 s. */
export const ticketLifetimeMs = 90_000;

/** connections/open's one-time tickets, each for the subscriptions the client asked for. */
export function createStreamTickets(now: () => number) {
  const tickets = new Map<string, { subscriptions: Subscription[]; ua: string; expiresAt: number }>();
  return {
    /** connections/open: a single-use ticket for the subscriptions the client asked for. */
    issueTicket({ subscriptions, ua }: { subscriptions: Subscription[]; ua: string }): { ticket: string } {
      const at = now();
      for (const [ticket, entry] of tickets) if (entry.expiresAt <= at) tickets.delete(ticket);
      const ticket = randomUUID();
      tickets.set(ticket, { subscriptions, ua, expiresAt: at + ticketLifetimeMs });
      return { ticket };
    },

    /** True when the ticket is valid; it is used up either way. */
    consumeTicket(ticket: string): { subscriptions: Subscription[]; ua: string } | null {
      const entry = tickets.get(ticket);
      tickets.delete(ticket);
      return entry && entry.expiresAt > now() ? { subscriptions: entry.subscriptions, ua: entry.ua } : null;
    },

    clear: () => tickets.clear(),
  };
}
