import { beijingOffsetMinutes } from '@dingops/shared/rules/beijing-time';
import type { CsvValue } from '../../platform/http/csv';
import type { AuditLogRow } from './audit-log.repository';

/** Column names in Chinese first (the file is for the company's auditors), English after the slash. */
export const auditExportHeader = [
  '编号/id',
  '时间/time (UTC, ISO 8601)',
  '北京时间/time (Asia/Shanghai)',
  '操作人/actor',
  '钉钉 ID/DingTalk id',
  '操作/action',
  '对象类型/target type',
  '对象 ID/target id',
  '结果/result',
  '来源 IP/source ip',
  '摘要/summary (JSON)',
  '哈希/hash',
];

/** "2026-11-28T16:00:05+08:00": the moment in Beijing time, still a full ISO 8601 timestamp. */
export function beijingIso(at: Date): string {
  return `${new Date(at.getTime() + beijingOffsetMinutes * 60_000).toISOString().slice(0, 19)}+08:00`;
}

export function auditExportRow(row: AuditLogRow): CsvValue[] {
  return [
    String(row.id),
    row.at.toISOString(),
    beijingIso(row.at),
    row.actorName,
    row.actorDingtalkId,
    row.action,
    row.targetType,
    row.targetId,
    row.result,
    row.sourceIp,
    JSON.stringify(row.summary),
    row.hash,
  ];
}

/** audit-20261129-0030.csv, named by when it was made, in Beijing time. */
export function auditExportFileName(now: Date): string {
  const stamp = beijingIso(now).slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `audit-${stamp}.csv`;
}
