import { getSession, type ApiError } from '../../../lib/api-client';

/** A screenshot that did not reach the server: kept (in memory) so the person can retry it from the ticket. */
export type FailedUpload = { key: string; file: File; error: ApiError | null };

const empty: readonly FailedUpload[] = [];
/** By person and ticket: the sandbox lets another person log in on the same page, and these are not theirs. */
let bySlot = new Map<string, readonly FailedUpload[]>();
const listeners = new Set<() => void>();
let counter = 0;

const slotOf = (ticketId: string): string => `${getSession()?.user.id ?? ''}/${ticketId}`;

function write(ticketId: string, next: readonly FailedUpload[]): void {
  bySlot = new Map(bySlot);
  if (next.length > 0) bySlot.set(slotOf(ticketId), next);
  else bySlot.delete(slotOf(ticketId));
  listeners.forEach((listener) => listener());
}

export const newUploadKey = (): string => `upload-${(counter += 1)}`;

export function failedUploadsOf(ticketId: string): readonly FailedUpload[] {
  return bySlot.get(slotOf(ticketId)) ?? empty;
}

export function addFailedUploads(ticketId: string, uploads: readonly FailedUpload[]): void {
  if (uploads.length > 0) write(ticketId, [...failedUploadsOf(ticketId), ...uploads]);
}

export function removeFailedUpload(ticketId: string, key: string): void {
  write(ticketId, failedUploadsOf(ticketId).filter((upload) => upload.key !== key));
}

export function subscribeFailedUploads(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
