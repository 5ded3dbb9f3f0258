import { randomBytes } from 'node:crypto';
import type { AlertSource, AlertSourceKind } from '@dingops/shared/alerts';
import type { Db } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import { type CipherAlgorithm, hashToken } from '../../../platform/crypto/field-cipher';
import { badSourceToken, sourceNotFound } from '../alerts.errors';
import type { AlertSourceRow } from '../alerts.table';
import type { IngestService } from '../ingest/ingest.service';
import type { SourcesRepository } from './sources.repository';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Monitoring sources (rule F1, it_admin): each has a token of its own, kept only as a hash. */
export function createSourcesService({ db, repo, audit, clock, settings }: { db: Db; repo: SourcesRepository; audit: AuditService; clock: () => Date; settings: { tokenAlgorithm: CipherAlgorithm; cacheMs: number } }) {
  const tokens = new Map<string, { at: number; source: Promise<AlertSourceRow | null> }>();
  const toSource = (row: AlertSourceRow): AlertSource => ({ id: row.id, name: row.name, kind: row.kind, enabled: row.enabled, createdAt: row.createdAt.toISOString(), rotatedAt: iso(row.rotatedAt) });
  const newToken = () => `dops_${randomBytes(24).toString('base64url')}`;

  return {
    async createSource({ name, kind, context }: { name: string; kind: AlertSourceKind; context: AuditContext }) {
      const token = newToken();
      const row = await db.transaction(async (tx) => {
        const created = await repo.insertSource({ name, kind, tokenHash: hashToken(token, settings.tokenAlgorithm), createdAt: clock() }, tx);
        await audit.record(context, { action: 'alerts.source_created', target: { type: 'alert_source', id: created.id }, summary: { name, kind } }, tx);
        return created;
      });
      return { ...toSource(row), token };
    },
    listSources: async () => ({ items: (await repo.listSources()).map(toSource) }),
    async rotateSource({ id, context }: { id: string; context: AuditContext }) {
      const token = newToken();
      const row = await db.transaction(async (tx) => {
        const updated = await repo.updateSource(id, { tokenHash: hashToken(token, settings.tokenAlgorithm), rotatedAt: clock() }, tx);
        if (!updated) throw sourceNotFound(id);
        await audit.record(context, { action: 'alerts.source_rotated', target: { type: 'alert_source', id } }, tx);
        return updated;
      });
      tokens.clear();
      return { ...toSource(row), token };
    },
    /** Stop (or resume) accepting alerts from a source; its token stays as it was. */
    async setSourceEnabled({ id, enabled, context }: { id: string; enabled: boolean; context: AuditContext }) {
      const row = await db.transaction(async (tx) => {
        const updated = await repo.updateSource(id, { enabled }, tx);
        if (!updated) throw sourceNotFound(id);
        await audit.record(context, { action: enabled ? 'alerts.source_enabled' : 'alerts.source_disabled', target: { type: 'alert_source', id } }, tx);
        return updated;
      });
      tokens.clear();
      return toSource(row);
    },

    /** The source a webhook's bearer token belongs to; the hash lookup is cached briefly (ingest is hot). */
    async authenticate(kind: AlertSourceKind, authorization: string | undefined): Promise<AlertSourceRow> {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) throw badSourceToken();
      const now = clock().getTime();
      // Keyed by the token itself so a cached hit skips the hash too (it is in this request's memory anyway).
      let hit = tokens.get(token);
      if (!hit || now - hit.at >= settings.cacheMs) {
        // One lookup for all the requests that find the cache empty at once (a burst after expiry).
        const source = repo.findSourceByTokenHash(hashToken(token, settings.tokenAlgorithm));
        source.catch(() => tokens.delete(token));
        hit = { at: now, source };
        if (tokens.size > 1000) tokens.clear();
        tokens.set(token, hit);
      }
      const found = await hit.source;
      if (!found || !found.enabled || found.kind !== kind) throw badSourceToken();
      return found;
    },
  };
}

export type SourcesService = ReturnType<typeof createSourcesService>;

/** What the source and webhook routes (and the sandbox's Alertmanager) are handed: the sources, and ingest's first step. */
export type AlertsService = SourcesService & Pick<IngestService, 'prepare'>;
