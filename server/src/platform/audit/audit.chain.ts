import { createHash } from 'node:crypto';

/** The fields that are hashed; `id` is left out because the chain itself fixes the order. */
export interface ChainedFields {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: 'success' | 'failure' | 'denied';
  sourceIp: string | null;
  requestId: string | null;
  summary: Record<string, unknown>;
}

export const genesisHash = '0'.repeat(64);

/** JSON with sorted keys, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function canonicalRow(fields: ChainedFields): string {
  return canonicalJson([
    fields.at.toISOString(),
    fields.actorId,
    fields.actorName,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.result,
    fields.sourceIp,
    fields.requestId,
    fields.summary,
  ]);
}

/** hash = sha256(prev_hash || canonical row) */
export function chainHash(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalRow(fields)).digest('hex');
}

export interface ChainLink extends ChainedFields {
  id: string;
  prevHash: string;
  hash: string;
}

export type LinkCheck = { ok: true } | { ok: false; reason: string };

/** Checks one row against the hash of the row before it. Pure, so verify can stream any number of rows. */
export function checkLink(link: ChainLink, expectedPrevHash: string): LinkCheck {
  if (link.prevHash !== expectedPrevHash) return { ok: false, reason: `row ${link.id} does not point at the previous row (a row was removed or reordered)` };
  if (chainHash(link.prevHash, link) !== link.hash) return { ok: false, reason: `row ${link.id} does not match its hash (its content was changed)` };
  return { ok: true };
}
