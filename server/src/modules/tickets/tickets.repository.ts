import { and, arrayOverlaps, asc, count, desc, eq, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { ticketAttachments } from './attachments/attachments.table';
import { createTicketFollowersRepository } from './ticket-followers.repository';
import { type NewTicketRow, type TicketRow, ticketEvents, ticketFollowers, tickets } from './tickets.table';

export interface TicketFilter {
  reporterId?: string;
  /** “My tickets”: ones I reported plus ones I pressed 同样问题 on (or whose duplicate of mine was merged in). */
  reportedOrFollowedBy?: string;
  alertGroupId?: string;
  assigneeId?: string;
  unassigned?: boolean;
  /** An employee's view: their own tickets plus shared ones from their departments. */
  visibleTo?: { userId: string; departmentIds: number[] };
  statuses?: TicketRow['status'][];
  level?: number;
  category?: string;
  /** Open tickets past their resolution due time at `now`. */
  overdueAt?: Date;
}

const openStatuses: TicketRow['status'][] = ['reported', 'accepted', 'diagnosing', 'resolved', 'reopened'];

/** The list filters as SQL conditions (followers through a sub-select). */
function whereOf(db: Db, filter: TicketFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.reporterId) conditions.push(eq(tickets.reporterId, filter.reporterId));
  if (filter.reportedOrFollowedBy) {
    const userId = filter.reportedOrFollowedBy;
    const followed = db.select({ id: ticketFollowers.ticketId }).from(ticketFollowers).where(eq(ticketFollowers.userId, userId));
    conditions.push(or(eq(tickets.reporterId, userId), inArray(tickets.id, followed)) as SQL);
  }
  if (filter.alertGroupId) conditions.push(eq(tickets.alertGroupId, filter.alertGroupId));
  if (filter.assigneeId) conditions.push(eq(tickets.assigneeId, filter.assigneeId));
  if (filter.unassigned) conditions.push(isNull(tickets.assigneeId));
  if (filter.visibleTo) {
    const { userId, departmentIds } = filter.visibleTo;
    const shared = departmentIds.length > 0 ? and(ne(tickets.impact, 'self'), arrayOverlaps(tickets.reporterDepartmentIds, departmentIds)) : undefined;
    conditions.push(or(eq(tickets.reporterId, userId), shared) as SQL);
  }
  if (filter.statuses?.length) conditions.push(inArray(tickets.status, filter.statuses));
  if (filter.level) conditions.push(eq(tickets.level, filter.level));
  if (filter.category) conditions.push(eq(tickets.category, filter.category));
  if (filter.overdueAt) conditions.push(and(inArray(tickets.status, openStatuses), lt(tickets.resolutionDueAt, filter.overdueAt)) as SQL);
  return conditions;
}

export function createTicketsRepository({ db }: { db: Db }) {
  return {
    ...createTicketFollowersRepository({ db }),

    async insert(values: NewTicketRow, tx: Executor): Promise<TicketRow> {
      const [row] = await tx.insert(tickets).values(values).returning();
      if (!row) throw new Error('Ticket insert returned no row');
      return row;
    },

    async findById(id: bigint, tx: Executor = db): Promise<TicketRow | null> {
      const [row] = await tx.select().from(tickets).where(eq(tickets.id, id));
      return row ?? null;
    },

    /** Locks the row for a transition, so two people acting at once are serialised. */
    async findForUpdate(id: bigint, tx: Executor): Promise<TicketRow | null> {
      const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
      return row ?? null;
    },

    async update(id: bigint, values: Partial<NewTicketRow>, tx: Executor): Promise<TicketRow> {
      const [row] = await tx.update(tickets).set(values).where(eq(tickets.id, id)).returning();
      if (!row) throw new Error('Ticket update returned no row');
      return row;
    },

    /** Newest first, keyset on id. */
    list({ filter, beforeId, limit }: { filter: TicketFilter; beforeId: bigint | null; limit: number }): Promise<TicketRow[]> {
      const conditions = whereOf(db, filter);
      if (beforeId !== null) conditions.push(lt(tickets.id, beforeId));
      return db.select().from(tickets).where(and(...conditions)).orderBy(desc(tickets.id)).limit(limit);
    },

    /** Resolved tickets nobody confirmed since `before`, oldest first. */
    listResolvedBefore(before: Date, limit: number) {
      return db.select().from(tickets).where(and(eq(tickets.status, 'resolved'), lte(tickets.resolvedAt, before))).orderBy(asc(tickets.id)).limit(limit);
    },

    /**
     * Open tickets with a clock in its last fifth or past and not yet reminded at that stage: the response
     * clock until IT first responds, the resolution clock until resolved.
     */
    listSlaCandidates(now: Date, limit: number) {
      const dueSoonFrom = (due: typeof tickets.resolutionDueAt | typeof tickets.responseDueAt) => sql`${due} - (${due} - ${tickets.createdAt}) * 0.2 <= ${now}`;
      const response = and(isNull(tickets.respondedAt), lt(tickets.responseAlertStage, 2), dueSoonFrom(tickets.responseDueAt));
      const resolution = and(lt(tickets.slaAlertStage, 2), dueSoonFrom(tickets.resolutionDueAt));
      return db
        .select()
        .from(tickets)
        .where(and(inArray(tickets.status, ['reported', 'accepted', 'diagnosing', 'reopened']), or(response, resolution)))
        .orderBy(sql`LEAST(${tickets.responseDueAt}, ${tickets.resolutionDueAt})`, asc(tickets.id))
        .limit(limit);
    },

    async addEvent(values: typeof ticketEvents.$inferInsert, tx: Executor) {
      await tx.insert(ticketEvents).values(values);
    },

    async insertAttachment(values: typeof ticketAttachments.$inferInsert, tx: Executor) {
      const [row] = await tx.insert(ticketAttachments).values(values).returning({ id: ticketAttachments.id, fileName: ticketAttachments.fileName, contentType: ticketAttachments.contentType, size: ticketAttachments.size, createdAt: ticketAttachments.createdAt });
      if (!row) throw new Error('Attachment insert returned no row');
      return row;
    },

    async countAttachments(ticketId: bigint, tx: Executor): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(ticketAttachments).where(eq(ticketAttachments.ticketId, ticketId));
      return Number(row?.n ?? 0);
    },

    /** Metadata only: the bytes are read one file at a time, when asked for. */
    listAttachments(ticketId: bigint) {
      return db
        .select({ id: ticketAttachments.id, fileName: ticketAttachments.fileName, contentType: ticketAttachments.contentType, size: ticketAttachments.size, createdAt: ticketAttachments.createdAt })
        .from(ticketAttachments)
        .where(eq(ticketAttachments.ticketId, ticketId))
        .orderBy(asc(ticketAttachments.id));
    },

    async findAttachment(ticketId: bigint, attachmentId: bigint) {
      const [row] = await db.select().from(ticketAttachments).where(and(eq(ticketAttachments.ticketId, ticketId), eq(ticketAttachments.id, attachmentId)));
      return row ?? null;
    },

    timeline(ticketId: bigint) {
      return db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.id));
    },
  };
}

export type TicketsRepository = ReturnType<typeof createTicketsRepository>;
