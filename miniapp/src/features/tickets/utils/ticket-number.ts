/** A ticket id from what a person types: the number shown on the ticket (GZ-000123, gz123) or the bare id. */
export function ticketIdFromInput(input: string): string | null {
  const match = /^(?:gz-?)?0*(\d{1,18})$/i.exec(input.trim());
  return match ? match[1]! : null;
}

/** The number a ticket shows, from its id (the server pads ids the same way). */
export function ticketNumberOf(id: string): string {
  return `GZ-${id.padStart(6, '0')}`;
}
