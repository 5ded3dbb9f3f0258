import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AlertGroup, AlertGroupAction, AlertGroupChat, AlertSummary, AlertGroupDetail, AlertSource, AlertSourceKind, ListAlertGroupsQuery, RuleSet, Silence } from '@dingops/shared/alerts';
import type { EscalationPolicy, EscalationStep } from '@dingops/shared/oncall';
import type { User } from '@dingops/shared/users';
import { type AlertLevel, type AlertRule, classifyAlert, growthRaise, levelNames, raiseLevel } from '@dingops/shared/rules/alert-classify';
import { fingerprintOf, groupKeyOf, groupLabelsOf, inhibitionKeyOf } from '@dingops/shared/rules/alert-grouping';
import { type LabelMatcher, matchesAll } from '@dingops/shared/rules/alert-matchers';
import { timingOfLevel } from '@dingops/shared/rules/alert-timing';
import { beijingTime } from '@dingops/shared/rules/beijing-time';
import { planEscalation, readWalk } from '@dingops/shared/rules/escalation';
import type { Db, Executor } from '../../db/client';
import type { AuditContext, AuditService } from '../../platform/audit/audit.service';
import { systemContext } from '../../platform/audit/audit.service';
import { type CipherAlgorithm, hashToken } from '../../platform/crypto/field-cipher';
import { decodeCursor, invalidCursor, keysetPage } from '../../platform/pagination/cursor';
import { actionNotApplicable, badSourceToken, groupNotFound, silenceNotFound, sourceNotFound, ticketsUnavailable } from './alerts.errors';
import type { NormalizedAlert } from './alerts.normalize';
import { dedupeByFingerprint } from './alerts.normalize';
import type { AlertNotifier } from './notify/alert-notifier';
import type { Crowd, PeopleDirectory } from './escalation/people';
import { type AlertsRepository, type GroupEventInput, type GroupInput, type PreparedAlert, prepareAlert } from './ingest/ingest.repository';
import { createGroupChangeRunner } from './group-state/group-changes';
import type { MutedGroupNote } from './windows/maintenance.repository';
import { cardPlan, type GroupDelta, nextGroupState } from './group-state/group-state.rules';
import { cachedValue, checkMatchers, invalidField } from './alerts.shared';
import type { MaintenanceMuting } from './windows/maintenance.service';
import type { StormFolding } from './storm/storm.service';
import type { TimingService } from './timing/timing.service';
import type { AlertGroupChangeRow, AlertGroupRow, AlertSilenceRow, AlertSourceRow } from './alerts.table';

export interface AlertsSettings {
  groupBy: string[];
  groupWaitSeconds: number;
  groupIntervalSeconds: number;
  flap: { threshold: number; windowMinutes: number; dampSeconds: number };
  inhibitEqual: string[];
  cacheMs: number;
  tokenAlgorithm: CipherAlgorithm;
  /** Where a group without a route of its own sends its card (itOps), and the configured groups, for naming chats. */
  chats: { itOps: string | null; security: string | null; leadership: string | null };
}

export interface TicketsFromAlerts {
  createFromAlert(input: { alertGroupId: string; title: string; description: string; level: AlertLevel; actor: User }, tx: Executor, context: AuditContext): Promise<{ id: bigint; number: string }>;
}

export interface AlertsMetrics {
  ingested(kind: AlertSourceKind, level: AlertLevel, count: number): void;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** A webhook request classified and in wire form, waiting for its batch (see `prepare`). */
export interface PreparedRequest {
  /** Distinct alerts in the request. */
  accepted: number;
  alerts: PreparedAlert[];
  groups: Map<string, GroupInput>;
  levelCounts: Record<AlertLevel, number>;
}

/** Where the alert list (level, then newest) continues, from a cursor it handed out; null for the first page. */
function levelCursorOf(cursor: string | undefined): { level: number; id: bigint } | null {
  if (!cursor) return null;
  const [level, id] = decodeCursor(cursor, 2);
  if (!level || !/^[123]$/.test(level) || !id || !/^\d{1,18}$/.test(id)) throw invalidCursor();
  return { level: Number(level), id: BigInt(id) };
}

const byFingerprint = (a: { fingerprint: string }, b: { fingerprint: string }) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0);

/** What a card shows as the group's summary: the alert's own words, with its value when it has one. */
function summaryOf(annotations: Record<string, string>): string | null {
  const summary = annotations.summary ?? annotations.description ?? annotations.message ?? null;
  return summary && annotations.value ? `${summary}（当前值 ${annotations.value}）` : summary;
}

/**
 * Adds what one alert (or one request) says of a group: the most severe classification decides
 * the group's level, title and route (the first of them on a tie); the first summary is kept; the
 * maintenance windows that muted any of them are all named.
 */
function addToGroup(groups: Map<string, GroupInput>, group: GroupInput) {
  const existing = groups.get(group.groupKey);
  if (!existing) {
    groups.set(group.groupKey, { ...group, muted: [...group.muted] });
    return;
  }
  const merged: GroupInput = group.level < existing.level ? { ...group, summary: group.summary ?? existing.summary, muted: existing.muted } : existing;
  if (!merged.summary && group.summary) merged.summary = group.summary;
  addWindows(merged, group.muted);
  groups.set(group.groupKey, merged);
}

function addWindows(group: GroupInput, windows: GroupInput['muted']) {
  for (const window of windows) if (!group.muted.some((muted) => muted.windowId === window.windowId)) group.muted.push(window);
}

export function createAlertsService({
  db,
  repo,
  audit,
  notifier,
  people,
  tickets,
  clock,
  settings,
  metrics,
  timing,
  maintenance,
  storms,
  log,
}: {
  db: Db;
  repo: AlertsRepository;
  audit: AuditService;
  notifier: AlertNotifier;
  people: PeopleDirectory;
  tickets: TicketsFromAlerts | null;
  clock: () => Date;
  settings: AlertsSettings;
  metrics: AlertsMetrics;
  /** Group wait / group interval per level (通知节奏). */
  timing: Pick<TimingService, 'get'>;
  /** Maintenance windows mute matching alerts like silences. */
  maintenance: MaintenanceMuting;
  /** Storm safety: level-2 groups past a chat's card allowance fold into a summary card. */
  storms: StormFolding;
  log: Pick<FastifyBaseLogger, 'error'>;
}) {
  const rules = cachedValue(() => repo.loadRules(), settings.cacheMs, clock);
  const silences = cachedValue(() => repo.listSilences(clock()), settings.cacheMs, clock);
  const tokens = new Map<string, { at: number; source: Promise<AlertSourceRow | null> }>();
  /** Inside a transaction pass it (PGlite has one connection). */
  const cardSettingsNow = async (executor?: Executor) => ({ timing: await timing.get(executor), flapDampSeconds: settings.flap.dampSeconds });

  const toSource = (row: AlertSourceRow): AlertSource => ({ id: row.id, name: row.name, kind: row.kind, enabled: row.enabled, createdAt: row.createdAt.toISOString(), rotatedAt: iso(row.rotatedAt) });
  const newToken = () => `dops_${randomBytes(24).toString('base64url')}`;
  const toSilence = (row: AlertSilenceRow, now: Date): Silence => ({
    id: row.id,
    matchers: row.matchers,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    active: row.startsAt <= now && row.endsAt > now,
  });

  function toGroup(row: AlertGroupRow): AlertGroup {
    return {
      id: String(row.id),
      sourceId: row.sourceId,
      groupKey: row.groupKey,
      title: row.title,
      labels: row.labels,
      level: row.level as AlertLevel,
      levelReason: row.levelReason,
      matchedRule: row.matchedRule,
      status: row.status,
      firingCount: row.firingCount,
      alertCount: row.alertCount,
      summary: row.summary,
      flapping: row.flapping,
      suppressed: row.suppressed,
      acknowledgedBy: row.acknowledgedBy,
      acknowledgedAt: iso(row.acknowledgedAt),
      openedAt: row.openedAt.toISOString(),
      resolvedAt: iso(row.resolvedAt),
      ticketId: row.ticketId,
      escalationPolicyId: row.escalationPolicyId,
      escalationStepsDone: readWalk(row.escalationStepsDone).reached,
      escalationStepsPassed: readWalk(row.escalationStepsDone).passed,
      growthRaisedAt: iso(row.growthRaisedAt),
      warRoom: row.warRoomRequestedAt ? { requestedAt: row.warRoomRequestedAt.toISOString(), conversationId: row.warRoomConversationId, title: row.warRoomTitle } : null,
      folded: row.cardState === 'folded',
      // Level 3 has no card of its own: the digest goes to the IT ops group.
      chat: row.level === 3 ? settings.chats.itOps : (row.routeGroupId ?? settings.chats.itOps),
    };
  }

  /** Everyone escalation could reach for these groups, fetched before any transaction (and cached). */
  async function crowdsFor(groups: { scheduleId: string | null; owner: string | null }[], now: Date): Promise<Map<string, Crowd>> {
    const crowds = new Map<string, Crowd>();
    for (const group of groups) {
      const key = `${group.scheduleId ?? ''}|${group.owner ?? ''}`;
      if (!crowds.has(key)) crowds.set(key, await people.crowdFor({ scheduleId: group.scheduleId, owner: group.owner, at: now }));
    }
    return crowds;
  }
  const crowdKey = (group: Pick<AlertGroupRow, 'onCallScheduleId' | 'labels'>) => `${group.onCallScheduleId ?? ''}|${group.labels.owner ?? ''}`;

  /** Where a group's walk stands at `now`, with `canReach` saying which steps find anyone (see planEscalation). */
  const planFor = (group: AlertGroupRow, { policy, now, canReach }: { policy: EscalationPolicy; now: Date; canReach: (step: EscalationStep) => boolean }) =>
    // A group raised by growth starts its escalation when it became level 1, not when it opened.
    planEscalation({ policy, openedAt: group.growthRaisedAt ?? group.openedAt, acknowledgedAt: group.acknowledgedAt, resolvedAt: group.resolvedAt, doneSteps: group.escalationStepsDone, now, canReach });
  const isWalking = (group: AlertGroupRow) => group.level === 1 && group.status === 'firing' && !group.suppressed;

  /** A level-1 group that is firing and not muted pages whoever its policy says is due now (a step with nobody passes on at once). */
  async function escalateIfDue(tx: Executor, group: AlertGroupRow, { crowd, policy, now, cardJustCreated, events }: { crowd: Crowd | undefined; policy: EscalationPolicy | undefined; now: Date; cardJustCreated: boolean; events: GroupEventInput[] }): Promise<AlertGroupRow> {
    if (!crowd || !policy || !isWalking(group)) return group;
    const plan = planFor(group, { policy, now, canReach: notifier.reachability(crowd) });
    if (plan.actions.length === 0) return group;
    return notifier.runSteps(tx, group, { policy, plan, crowd, now, cardJustCreated, events });
  }

  async function requireGroup(id: bigint, tx?: Executor): Promise<AlertGroupRow> {
    const row = tx ? await repo.lockGroup(id, tx) : await repo.findGroup(id);
    if (!row) throw groupNotFound(String(id));
    return row;
  }

  /** What a pass folds into one group: the deltas summed, the most severe classification, the newest summary. */
  function mergeChanges(changes: AlertGroupChangeRow[]) {
    const merged = new Map<string, { delta: GroupDelta; climb: AlertGroupChangeRow | null; summary: string | null; muted: AlertGroupChangeRow['muted'] }>();
    for (const change of changes) {
      const key = String(change.groupId);
      const entry = merged.get(key) ?? { delta: { firingDelta: 0, mutedFiringDelta: 0, added: 0, flips: 0 }, climb: null, summary: null, muted: [] };
      entry.delta.firingDelta += change.firingDelta;
      entry.delta.mutedFiringDelta += change.mutedFiringDelta;
      entry.delta.added += change.added;
      entry.delta.flips += change.flips;
      if (!entry.climb || change.level < entry.climb.level) entry.climb = change;
      entry.summary = change.summary ?? entry.summary;
      entry.muted.push(...change.muted);
      merged.set(key, entry);
    }
    return merged;
  }

  /**
   * The group-state pass: takes the changes stored batches left (oldest first, up to `limit`), locks
   * their groups in id order and moves each group on — counts, status, flapping, growth raise, storm
   * folding, escalation and its card — in one transaction. Returns how many changes it took.
   */
  async function applyPendingChanges(limit: number): Promise<number> {
    const pending = await repo.peekChanges(limit);
    if (pending.length === 0) return 0;
    const now = clock();
    const [ruleList, cardSettings] = await Promise.all([rules.get(), cardSettingsNow()]);
    const ruleByName = new Map(ruleList.map((rule) => [rule.name, rule]));
    // Level-1 groups page; so may a level-2 group whose rule raises it when it grows. People are
    // looked up before the transaction (and cached across passes).
    const pageable = pending.filter((change) => change.level === 1 || (change.level === 2 && Boolean(ruleByName.get(change.matchedRule ?? '')?.raiseAtFiring)));
    const crowds = await crowdsFor(pageable.map((change) => ({ scheduleId: change.onCallScheduleId, owner: change.owner })), now);
    const policies = new Map<string, EscalationPolicy>();
    for (const change of pageable) if (!policies.has(change.escalationPolicyId ?? '')) policies.set(change.escalationPolicyId ?? '', await people.policy(change.escalationPolicyId));

    await db.transaction(async (tx) => {
      const { changes, groups } = await repo.claimChanges(pending[pending.length - 1]!.id, tx);
      const merged = mergeChanges(changes);
      const states: AlertGroupRow[] = [];
      const events: GroupEventInput[] = [];
      const muted: MutedGroupNote[] = [];
      const storm = storms.batch();
      for (const row of groups) {
        const { delta, climb, summary, muted: windows } = merged.get(String(row.id))!;
        // A group only climbs by ingest (a more severe alert joined); 升级 by hand is kept.
        const climbs = climb !== null && climb.level < row.level;
        const before: AlertGroupRow = { ...row, ...(climbs ? { level: climb.level, levelReason: climb.levelReason, matchedRule: climb.matchedRule } : {}), summary: summary ?? row.summary };
        const change = nextGroupState({ group: before, delta, isNew: before.alertCount === 0, now, flap: settings.flap });
        let after: AlertGroupRow = { ...before, ...change.next };
        events.push(...change.events.map((event) => ({ groupId: after.id, at: now, kind: event.kind, actorName: 'DingOps', note: event.note })));
        const raise = after.status === 'resolved' ? null : growthRaise({ level: after.level as AlertLevel, firingCount: after.firingCount, alreadyRaised: after.growthRaisedAt !== null, rule: ruleByName.get(after.matchedRule ?? '') });
        if (raise) {
          events.push({ groupId: after.id, at: now, kind: 'raised', actorName: 'DingOps', note: `${levelNames[after.level as AlertLevel]} → ${levelNames[raise.level]}：同组 ${after.firingCount} 条告警触发中` });
          after = { ...after, level: raise.level, levelReason: raise.reason, growthRaisedAt: now };
        }
        const crowd = crowds.get(crowdKey(after));
        const flapStarted = change.events.some((event) => event.kind === 'flapping');
        let plan = cardPlan({ group: after, statusChanged: change.statusChanged, flapStarted, now, settings: cardSettings });
        if (plan === 'create' && (await storm.decide(after, { now, executor: tx })) === 'fold') {
          after = storm.fold(after, { now, events });
          plan = 'none';
        } else if (after.cardState === 'folded' && change.statusChanged) storm.touch(after);
        after = await escalateIfDue(tx, after, { crowd, policy: policies.get(after.escalationPolicyId ?? ''), now, cardJustCreated: plan === 'create', events });
        after = await notifier.applyCardPlan(tx, after, { plan, now, atUsers: crowd?.primary ?? [] });
        muted.push(...windows.map((window) => ({ groupId: row.id, windowId: window.windowId, title: window.title, occurrenceStartsAt: new Date(window.occurrenceStartsAt) })));
        const unchanged = !climbs && !raise && after.summary === row.summary && delta.firingDelta === 0 && delta.mutedFiringDelta === 0 && delta.added === 0 && delta.flips === 0 && change.events.length === 0 && after.cardVersion === row.cardVersion && after.cardDirty === row.cardDirty && after.cardState === row.cardState && after.escalationStepsDone.join() === row.escalationStepsDone.join();
        if (!unchanged) states.push(after);
      }
      await repo.updateGroupStates(states, events, now, tx);
      await storm.commit(tx, now);
      await maintenance.noteMuted(tx, muted, now);
    });
    return pending.length;
  }
  const groupChanges = createGroupChangeRunner({ apply: applyPendingChanges, batchSize: 2000, minIntervalMs: 50, maxIntervalMs: 500, msPerChange: 0.5, onError: (error) => log.error({ err: error }, 'Alert group-state pass failed; it runs again with the next batch or job') });

  return {
    toGroup,

    // --- sources (it_admin) ---
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

    // --- rules ---
    getRules: async (): Promise<RuleSet> => ({ rules: await repo.loadRules() }),
    async putRules({ body, context }: { body: RuleSet; context: AuditContext }): Promise<RuleSet> {
      body.rules.forEach((rule, index) => checkMatchers(rule.matchers, `body.rules.${index}.matchers`));
      await db.transaction(async (tx) => {
        await repo.replaceRules(body.rules, clock(), tx);
        await audit.record(context, { action: 'alerts.rules_updated', target: { type: 'alert_rules', id: 'all' }, summary: { count: body.rules.length, names: body.rules.map((rule) => rule.name).slice(0, 50) } }, tx);
      });
      rules.clear();
      return { rules: body.rules };
    },
    async testRules({ labels, candidate }: { labels: Record<string, string>; candidate: AlertRule[] | undefined }) {
      if (candidate) candidate.forEach((rule, index) => checkMatchers(rule.matchers, `body.rules.${index}.matchers`));
      const result = classifyAlert({ labels, rules: candidate ?? (await rules.get()) });
      return { level: result.level, matchedRule: result.ruleName, reason: result.reason, route: result.route, groupKey: groupKeyOf(groupLabelsOf(labels, settings.groupBy)), fingerprint: fingerprintOf(labels) };
    },

    // --- silences ---
    async createSilence({ body, actor, context }: { body: { matchers: LabelMatcher[]; startsAt?: string | undefined; endsAt: string; reason: string }; actor: User; context: AuditContext }): Promise<Silence> {
      checkMatchers(body.matchers, 'body.matchers');
      const now = clock();
      if (new Date(body.endsAt) <= now) throw invalidField('body.endsAt', 'must be in the future');
      const row = await db.transaction(async (tx) => {
        const created = await repo.insertSilence({ matchers: body.matchers, startsAt: body.startsAt ? new Date(body.startsAt) : now, endsAt: new Date(body.endsAt), reason: body.reason, createdById: actor.id, createdBy: actor.name, createdAt: now }, tx);
        await audit.record(context, { action: 'alerts.silence_created', target: { type: 'alert_silence', id: created.id }, summary: { matchers: body.matchers, endsAt: body.endsAt, reason: body.reason } }, tx);
        return created;
      });
      silences.clear();
      return toSilence(row, now);
    },
    async listSilences() {
      const now = clock();
      return { items: (await repo.listSilences(now)).map((row) => toSilence(row, now)) };
    },
    async expireSilence({ id, context }: { id: string; context: AuditContext }) {
      const now = clock();
      await db.transaction(async (tx) => {
        const row = await repo.expireSilence(id, now, tx);
        if (!row) throw silenceNotFound(id);
        await audit.record(context, { action: 'alerts.silence_expired', target: { type: 'alert_silence', id } }, tx);
      });
      silences.clear();
    },

    /**
     * The ingest pipeline (rules F1, F2), first step: classify a request's alerts, check silences and
     * maintenance windows, work out their groups and put them in wire form. Webhooks do this when
     * the request arrives, while the previous batch is being stored; `storePrepared` then stores
     * many requests in one statement. What changed waits for the group-state pass
     * (`applyGroupChanges`) to become group states, cards and pages.
     */
    async prepare({ alerts: received }: { alerts: NormalizedAlert[] }): Promise<PreparedRequest> {
      const now = clock();
      const list = dedupeByFingerprint(received).sort(byFingerprint);
      const [ruleList, silenceList, inWindow] = await Promise.all([rules.get(), silences.get(), maintenance.mutingWindows(now)]);
      const activeSilences = silenceList.filter((silence) => silence.startsAt <= now && silence.endsAt > now);
      const groups = new Map<string, GroupInput>();
      const levelCounts: Record<AlertLevel, number> = { 1: 0, 2: 0, 3: 0 };
      const alerts = list.map((alert) => {
        const classification = classifyAlert({ labels: alert.labels, rules: ruleList });
        const groupingLabels = groupLabelsOf(alert.labels, settings.groupBy);
        const groupKey = groupKeyOf(groupingLabels);
        const firing = alert.status === 'firing';
        const maintenanceWindow = firing ? inWindow(alert.labels) : null;
        levelCounts[classification.level] += 1;
        const muted = maintenanceWindow ? [{ windowId: maintenanceWindow.id, title: maintenanceWindow.title, occurrenceStartsAt: maintenanceWindow.occurrenceStartsAt.toISOString() }] : [];
        const group = groups.get(groupKey);
        if (group && classification.level >= group.level) {
          // Most alerts join a group another alert of the request already described: no new object.
          group.summary ||= summaryOf(alert.annotations);
          addWindows(group, muted);
        } else {
          addToGroup(groups, {
            groupKey,
            // The owner rides along on the group (escalation pages them) but does not split groups.
            labels: alert.labels.owner ? { ...groupingLabels, owner: alert.labels.owner } : groupingLabels,
            title: alert.labels.alertname ?? alert.annotations.summary ?? alert.annotations.description ?? alert.annotations.message ?? groupKey,
            summary: summaryOf(alert.annotations),
            level: classification.level,
            levelReason: classification.reason,
            matchedRule: classification.ruleName,
            routeGroupId: classification.route.groupId,
            escalationPolicyId: classification.route.escalationPolicyId,
            onCallScheduleId: classification.route.onCallScheduleId,
            muted,
          });
        }
        return prepareAlert({
          fingerprint: alert.fingerprint,
          groupKey,
          status: alert.status,
          labels: alert.labels,
          annotations: alert.annotations,
          level: classification.level,
          silenced: firing && (maintenanceWindow !== null || activeSilences.some((silence) => matchesAll(silence.matchers, alert.labels))),
          inhibitionKey: inhibitionKeyOf(alert.labels, settings.inhibitEqual),
          startsAt: alert.startsAt.toISOString(),
          endsAt: iso(alert.endsAt),
          generatorUrl: alert.generatorUrl,
        });
      });
      return { accepted: alerts.length, alerts, groups, levelCounts };
    },

    /**
     * Second step: stores prepared requests of one source in one statement (nothing is stored unless
     * everything is). Within the batch the last word on an alert wins.
     */
    async storePrepared({ source, requests }: { source: AlertSourceRow; requests: PreparedRequest[] }): Promise<{ groups: number }> {
      const latest = new Map<string, PreparedAlert>();
      for (const request of requests) for (const alert of request.alerts) latest.set(alert.fingerprint, alert);
      // Fingerprint order: two batches carrying the same alerts lock their rows in the same order.
      const alerts = [...latest.values()].sort(byFingerprint);
      const groups = new Map<string, GroupInput>();
      for (const request of requests) for (const group of request.groups.values()) addToGroup(groups, group);
      const needed = new Set(alerts.map((alert) => alert.groupKey));
      // Key order: batches stored side by side create new groups in the same order (no deadlock).
      const groupList = [...groups.values()].filter((group) => needed.has(group.groupKey)).sort((a, b) => (a.groupKey < b.groupKey ? -1 : a.groupKey > b.groupKey ? 1 : 0));
      const touched = await repo.recordPrepared({ sourceId: source.id, groups: groupList, alerts, now: clock() });
      for (const level of [1, 2, 3] as const) {
        const count = requests.reduce((sum, request) => sum + request.levelCounts[level], 0);
        if (count > 0) metrics.ingested(source.kind, level, count);
      }
      return { groups: touched };
    },

    /** Both steps at once (probes, which post no webhook). */
    async record({ source, alerts: received }: { source: AlertSourceRow; alerts: NormalizedAlert[] }): Promise<{ accepted: number; groups: number }> {
      const prepared = await this.prepare({ alerts: received });
      const { groups } = await this.storePrepared({ source, requests: [prepared] });
      return { accepted: prepared.accepted, groups };
    },

    /** Resolves once a group-state pass that started after this call has run (see alerts.group-changes.ts). */
    applyGroupChanges: () => groupChanges.flush(),
    /** A stored webhook batch's wait for its groups: the pass when idle, none under load. */
    settleGroupChanges: () => groupChanges.settle(),

    // --- groups ---
    async listGroups(query: ListAlertGroupsQuery) {
      const chat = query.chat ? { conversationId: query.chat, defaultChat: settings.chats.itOps } : undefined;
      const rows = await repo.listGroups({ filter: { level: query.level, status: query.status, chat, q: query.q }, after: levelCursorOf(query.cursor), limit: query.limit + 1 });
      const page = keysetPage(rows, query.limit, (row) => [String(row.level), String(row.id)]);
      return { items: page.items.map(toGroup), nextCursor: page.nextCursor };
    },
    /** What is open at each level, for the home tile and anyone glancing at the state of things. */
    async summary(): Promise<AlertSummary> {
      const rows = await repo.openGroupStates();
      return {
        levels: ([1, 2, 3] as const).map((level) => {
          const row = rows.find((candidate) => candidate.level === level);
          return { level, unacknowledged: row?.unacknowledged ?? 0, silenced: row?.silenced ?? 0, acknowledged: row?.acknowledged ?? 0 };
        }),
      };
    },
    /** The chats alert cards go to: the IT ops group first (even before its first alert), then the rest. */
    async listGroupChats(): Promise<{ items: AlertGroupChat[] }> {
      const counts = await repo.groupCountsByChat(settings.chats.itOps);
      const { itOps, security, leadership } = settings.chats;
      const roleOf = (conversationId: string): AlertGroupChat['role'] => (conversationId === itOps ? 'it_ops' : conversationId === security ? 'security' : conversationId === leadership ? 'leadership' : 'other');
      const items = counts.map((count) => ({ conversationId: count.chat, role: roleOf(count.chat), groups: count.groups, openGroups: count.openGroups }));
      if (itOps && !items.some((item) => item.conversationId === itOps)) items.push({ conversationId: itOps, role: 'it_ops', groups: 0, openGroups: 0 });
      return { items: items.sort((a, b) => Number(b.role === 'it_ops') - Number(a.role === 'it_ops')) };
    },
    async getGroup(id: bigint): Promise<AlertGroupDetail> {
      const row = await requireGroup(id);
      const [alertRows, eventRows] = await Promise.all([repo.alertsOf(id), repo.eventsOf(id)]);
      return {
        ...toGroup(row),
        alerts: alertRows.map((alert) => ({
          // An alert is its fingerprint within the group's source.
          id: alert.fingerprint,
          fingerprint: alert.fingerprint,
          status: alert.status,
          labels: alert.labels,
          annotations: alert.annotations,
          level: alert.level as AlertLevel,
          silenced: alert.silenced,
          inhibited: alert.inhibited,
          startsAt: alert.startsAt.toISOString(),
          endsAt: iso(alert.endsAt),
          lastSeenAt: alert.lastSeenAt.toISOString(),
          generatorUrl: alert.generatorUrl,
        })),
        timeline: eventRows.map((event) => ({ at: event.at.toISOString(), kind: event.kind, actorName: event.actorName, note: event.note })),
      };
    },

    act(input: { id: bigint; action: AlertGroupAction; note?: string | undefined; actor: User; context: AuditContext }): Promise<AlertGroupRow> {
      return db.transaction((tx) => this.actInTransaction(input, tx));
    },

    /** 认领 / 解决 / 静默1小时 / 升级 / 创建工单, from the card or the micro-app; the card is then updated. */
    async actInTransaction({ id, action, note, actor, context }: { id: bigint; action: AlertGroupAction; note?: string | undefined; actor: User; context: AuditContext }, tx: Executor): Promise<AlertGroupRow> {
      const now = clock();
      const before = await requireGroup(id, tx);
      const open = before.status !== 'resolved';
      let after: AlertGroupRow = before;
      let eventNote: string | null = note ?? null;
      const summary: Record<string, unknown> = { from: before.status };
      switch (action) {
        case 'acknowledge':
          if (before.status !== 'firing') throw actionNotApplicable({ action, status: before.status });
          after = { ...before, status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: actor.name, acknowledgedByDingtalkId: actor.dingtalkUserId };
          break;
        case 'resolve':
          if (!open) throw actionNotApplicable({ action, status: before.status });
          await repo.resolveAlertsOf(id, now, tx);
          after = { ...before, status: 'resolved', resolvedAt: now, resolvedManually: true, firingCount: 0, mutedFiringCount: 0, suppressed: false };
          break;
        case 'silence_1h': {
          if (!open) throw actionNotApplicable({ action, status: before.status });
          const matchers = Object.entries(before.labels).map(([name, value]) => ({ name, op: '=' as const, value }));
          const silence = await repo.insertSilence({ matchers, startsAt: now, endsAt: new Date(now.getTime() + 3_600_000), reason: note ?? '从告警卡片静默 1 小时', createdById: actor.id, createdBy: actor.name, createdAt: now }, tx);
          await audit.record(context, { action: 'alerts.silence_created', target: { type: 'alert_silence', id: silence.id }, summary: { matchers, groupId: String(id) } }, tx);
          silences.clear();
          after = { ...before, suppressed: true, mutedFiringCount: before.firingCount };
          eventNote = `静默至 ${beijingTime(new Date(now.getTime() + 3_600_000))}`;
          summary.silenceId = silence.id;
          break;
        }
        case 'escalate': {
          if (!open || before.level === 1) throw actionNotApplicable({ action, status: before.level === 1 ? '一级' : before.status });
          const level = raiseLevel(before.level as AlertLevel);
          after = { ...before, level, levelRaised: true, levelReason: `${levelNames[level]}：${actor.name} 手动升级（原${levelNames[before.level as AlertLevel]}）` };
          eventNote = `${levelNames[before.level as AlertLevel]} → ${levelNames[level]}`;
          summary.level = level;
          break;
        }
        case 'create_ticket': {
          if (before.ticketId) throw actionNotApplicable({ action, status: `linked to ticket ${before.ticketId}` });
          if (!tickets) throw ticketsUnavailable();
          const description = [before.summary ?? '', `告警组：${before.groupKey}`, `级别原因：${before.levelReason}`, `触发中：${before.firingCount}/${before.alertCount}`].filter(Boolean).join('\n');
          const ticket = await tickets.createFromAlert({ alertGroupId: String(id), title: `[告警] ${before.title}`, description, level: before.level as AlertLevel, actor }, tx, context);
          after = { ...before, ticketId: String(ticket.id) };
          eventNote = `工单 ${ticket.number}`;
          summary.ticketId = String(ticket.id);
          break;
        }
        case 'open_war_room': {
          if (!open || before.level !== 1) throw actionNotApplicable({ action, status: before.level !== 1 ? levelNames[before.level as AlertLevel] : before.status });
          // Once per group: a second press is refused and says which room exists.
          if (before.warRoomRequestedAt) throw actionNotApplicable({ action, status: `given war room ${before.warRoomTitle ?? ''}`.trim() });
          after = await notifier.openWarRoom(tx, before, { actor, now });
          eventNote = `作战群：${after.warRoomTitle}`;
          summary.warRoom = after.warRoomTitle;
          break;
        }
      }
      const events: GroupEventInput[] = [{ groupId: id, at: now, kind: action, actorId: actor.id, actorName: actor.name, note: eventNote }];
      const plan = cardPlan({ group: after, statusChanged: true, now, settings: { ...(await cardSettingsNow(tx)), flapDampSeconds: 0 } });
      after = await notifier.applyCardPlan(tx, after, { plan: plan === 'dirty' ? 'none' : plan, now, atUsers: [] });
      if (after.cardState === 'folded' && after.status !== before.status) await storms.touch(tx, after);
      const { id: _id, ...patch } = after;
      const saved = await repo.updateGroup(id, { ...patch, updatedAt: now }, tx);
      await repo.addEvents(events, tx);
      await audit.record(context, { action: `alerts.group_${action}`, target: { type: 'alert_group', id: String(id) }, summary: { ...summary, to: saved.status } }, tx);
      return saved;
    },

    // --- jobs ---

    /**
     * Walks unacknowledged level-1 groups through their escalation policy (restart-safe: the walk is
     * stored), and tries again each run the steps that found nobody, so whoever was missing (an empty
     * rota, DingTalk down while it was being filled) is paged as soon as they can be.
     */
    async escalate(): Promise<number> {
      let stepsRun = 0;
      for (const { id } of await repo.escalationCandidates(500)) {
        const now = clock();
        const snapshot = await repo.findGroup(id);
        if (!snapshot) continue;
        const policy = await people.policy(snapshot.escalationPolicyId);
        // Nothing due and nothing to retry: no need to look anyone up.
        if (planFor(snapshot, { policy, now, canReach: () => true }).actions.length === 0) continue;
        const crowd = await people.crowdFor({ scheduleId: snapshot.onCallScheduleId, owner: snapshot.labels.owner ?? null, at: now });
        if (planFor(snapshot, { policy, now, canReach: notifier.reachability(crowd) }).actions.length === 0) continue;
        await db.transaction(async (tx) => {
          const group = await repo.lockGroup(id, tx);
          if (!group) return;
          const events: GroupEventInput[] = [];
          let after = await escalateIfDue(tx, group, { crowd, policy, now, cardJustCreated: false, events });
          if (events.length === 0) return;
          stepsRun += events.length;
          after = after.cardState === 'sent' ? await notifier.updateCard(tx, after, { now }) : await notifier.createCard(tx, after, { now, atUsers: crowd.primary });
          await repo.updateGroup(id, { escalationStepsDone: after.escalationStepsDone, cardState: after.cardState, cardVersion: after.cardVersion, cardUpdatedAt: after.cardUpdatedAt, cardCreatedAt: after.cardCreatedAt, cardDirty: after.cardDirty, updatedAt: now }, tx);
          await repo.addEvents(events, tx);
          await audit.record(systemContext, { action: 'alerts.escalated', target: { type: 'alert_group', id: String(id) }, summary: { steps: events.length } }, tx);
        });
      }
      return stepsRun;
    },

    /** Sends cards that waited (level-2 group wait) and updates that were damped. */
    async flushCards(): Promise<number> {
      await groupChanges.flush();
      let sent = 0;
      const cardSettings = await cardSettingsNow();
      const storm = storms.batch();
      for (const { id } of await repo.cardCandidates(500)) {
        await db.transaction(async (tx) => {
          const now = clock();
          const group = await repo.lockGroup(id, tx);
          if (!group) return;
          const plan = cardPlan({ group, statusChanged: false, now, settings: cardSettings });
          if (plan === 'none' || plan === 'dirty') {
            if (plan === 'none' && group.cardDirty) await repo.updateGroup(id, { cardDirty: false }, tx);
            return;
          }
          // Folds are written together after the run, so the storm's summary starts with all of them.
          if (plan === 'create' && (await storm.decide(group, { now, executor: tx })) === 'fold') return void storm.fold(group, { now });
          const after = await notifier.applyCardPlan(tx, group, { plan, now, atUsers: [] });
          await repo.updateGroup(id, { cardState: after.cardState, cardVersion: after.cardVersion, cardUpdatedAt: after.cardUpdatedAt, cardCreatedAt: after.cardCreatedAt, cardDirty: false, updatedAt: now }, tx);
          sent += 1;
        });
      }
      if (storm.pending()) await db.transaction((tx) => storm.commit(tx, clock(), { markFolded: true }));
      // Storm summaries changed by resolved or newly folded groups, damped like a level-2 card.
      sent += await storms.flushSummaries({ now: clock, intervalSeconds: timingOfLevel(cardSettings.timing, 2).groupIntervalSeconds, transaction: (work) => db.transaction(work) });
      return sent;
    },

    /** Level 3: one digest card listing groups opened or resolved since the last one. */
    async digest(): Promise<number> {
      return db.transaction(async (tx) => {
        const now = clock();
        const groups = await repo.takeDigest(now, 200, tx);
        await notifier.digest(tx, groups, { now });
        return groups.length;
      });
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
