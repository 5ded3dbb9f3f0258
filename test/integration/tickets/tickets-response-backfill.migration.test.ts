import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../../server/src/db/migrate';
import { demo } from '../../support/demo-people';
import { buildTestApp } from '../../support/test-app';

/** The statements of migration 0020 after its schema change: the backfill of IT's first response. */
const backfill = readFileSync(join(migrationsFolder, '0020_tickets_response_reminders.sql'), 'utf8').split('--> statement-breakpoint').slice(1);

describe('migration 0020: IT’s first response before the response clock had reminders', () => {
  it('F4: tickets that IT assigned or wrote a note on before anyone accepted them count as responded at that moment; a reporter’s note or an earlier acceptance is left as it was', { timeout: 120_000 }, async () => {
    const t = await buildTestApp();
    const zhang = await t.loginAs(demo.employee);
    const lina = await t.loginAs(demo.itStaff);
    const chen = await t.loginAs(demo.onCall);
    const report = async (title: string) => (await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: { category: 'email', title, description: title, impact: 'self', urgency: 'medium' } })).json().id as string;
    const act = (headers: Record<string, string>, id: string, path: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/${path}`, headers, payload });
    const [assigned, noted, reporterOnly, accepted] = [await report('指派过'), await report('IT 写过备注'), await report('只有报告人写过'), await report('已受理')];

    t.clock.advance(60_000);
    await act(lina.headers, assigned, 'assignment', { assigneeId: chen.userId });
    t.clock.advance(60_000);
    await act(lina.headers, noted, 'comments', { note: '在看了' });
    await act(zhang.headers, reporterOnly, 'comments', { note: '还是不行' });
    t.clock.advance(60_000);
    await act(lina.headers, accepted, 'transitions', { action: 'accept' });
    // As rows stood before 0020, when only an acceptance stopped the clock.
    await t.database.db.execute(sql`UPDATE tickets SET responded_at = NULL WHERE id <> ${BigInt(accepted)}`);

    for (const statement of backfill) await t.database.db.execute(sql.raw(statement));
    const rows = (await t.database.db.execute(sql`SELECT id::text AS id, responded_at FROM tickets ORDER BY id`)).rows as { id: string; responded_at: Date | string | null }[];
    const respondedAt = Object.fromEntries(rows.map((row) => [row.id, row.responded_at === null ? null : new Date(row.responded_at).toISOString()]));
    const start = new Date('2026-11-28T08:00:00.000Z').getTime();
    expect(respondedAt).toEqual({
      [assigned]: new Date(start + 60_000).toISOString(),
      [noted]: new Date(start + 120_000).toISOString(),
      [reporterOnly]: null,
      [accepted]: new Date(start + 180_000).toISOString(),
    });
  });
});
