/** One alert in DingOps' own terms, whichever monitor sent it (each kind's normaliser is in sources/kinds/). */
export interface NormalizedAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
  generatorUrl: string | null;
}

/** Alertmanager writes "0001-01-01T00:00:00Z" for "no end"; anything unreadable counts as absent. */
export function dateOf(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970 ? null : date;
}

/** Within one request the last word on a fingerprint wins (one row per alert in the batch upsert). */
export function dedupeByFingerprint(list: NormalizedAlert[]): NormalizedAlert[] {
  const byFingerprint = new Map<string, NormalizedAlert>();
  for (const alert of list) byFingerprint.set(alert.fingerprint, alert);
  return [...byFingerprint.values()];
}
