import type { Config } from '../config';
import { openDatabase, type Database } from '../db/client';
import { formatResult, type CheckResult } from './doctor.checks';
import { dingtalkChecks, dingtalkTargetOf } from './doctor.dingtalk';
import { checkDatabase, checkEncryptionKeys, checkPublicUrl } from './doctor.local';

export interface DoctorReport {
  target: string;
  results: CheckResult[];
  ok: boolean;
}

/**
 * `pnpm run doctor`: checks what going live needs against the configured DingTalk (live, or the sandbox)
 * and database, one line per check. Read-only: it sends no message and applies no migration.
 * `database` lets a caller pass one already open (tests); otherwise DATABASE_URL is opened.
 */
export async function runDoctor({ config, database: given }: { config: Config; database?: Database }): Promise<DoctorReport> {
  const database = given ?? (config.db.url ? await openDatabase(config.db) : null);
  try {
    const results = [
      await checkDatabase({ config, database }),
      ...(await checkEncryptionKeys({ config, database })),
      checkPublicUrl(config),
      ...(await dingtalkChecks(config)),
    ];
    return { target: dingtalkTargetOf(config).label, results, ok: results.every((result) => result.status !== 'failed') };
  } finally {
    if (!given) await database?.close();
  }
}

export function formatReport(report: DoctorReport): string {
  const failures = report.results.filter((result) => result.status === 'failed').length;
  return [
    `DingOps doctor: checking ${report.target}`,
    ...report.results.map(formatResult),
    failures === 0 ? 'All checks passed.' : `${failures} check(s) failed.`,
  ].join('\n');
}
