import { describe, expect, it } from 'vitest';
import { csvLine } from '../../platform/http/csv';
import { auditExportFileName, auditExportHeader, auditExportRow, beijingIso } from './audit-log.export';
import type { AuditLogRow } from './audit-log.repository';

const row: AuditLogRow = {
  id: 7n,
  at: new Date('2026-11-28T16:30:05.123Z'),
  actorId: 'u-1',
  actorName: '张伟',
  actorDingtalkId: 'yq-zhangwei',
  action: 'tickets.created',
  targetType: 'ticket',
  targetId: '12',
  result: 'success',
  sourceIp: '127.0.0.1',
  requestId: 'req-1',
  summary: { title: '=1+1, "投影仪"' },
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};

describe('audit export rows (rule S5)', () => {
  it('times are UTC ISO and Beijing time, a day later after 16:00 UTC', () => {
    expect(beijingIso(new Date('2026-11-28T16:30:05.123Z'))).toBe('2026-11-29T00:30:05+08:00');
    expect(auditExportFileName(new Date('2026-11-28T16:30:05Z'))).toBe('audit-20261129-0030.csv');
  });

  it('one row per entry, as many cells as the header, the summary as JSON', () => {
    const cells = auditExportRow(row);
    expect(cells).toHaveLength(auditExportHeader.length);
    expect(cells.slice(0, 6)).toEqual(['7', '2026-11-28T16:30:05.123Z', '2026-11-29T00:30:05+08:00', '张伟', 'yq-zhangwei', 'tickets.created']);
    expect(csvLine(cells)).toContain('"{""title"":""=1+1, \\""投影仪\\""""}"');
  });

  it('system actors have no DingTalk id: the cell is empty', () => {
    expect(auditExportRow({ ...row, actorId: 'system', actorName: 'DingOps', actorDingtalkId: null })[4]).toBeNull();
  });
});
