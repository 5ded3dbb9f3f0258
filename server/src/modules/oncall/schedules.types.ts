import type { Db } from '../../db/client';
import type { AuditService } from '../../platform/audit/audit.service';
import type { OncallRepository } from './oncall.repository';

/** What schedules and the on-call lookup are built from, apart from both so neither imports the other. */
export interface SchedulesDeps {
  db: Db;
  repo: OncallRepository;
  audit: AuditService;
  clock: () => Date;
  /** Runs before any read or write: fills an empty installation with the sandbox demo rotation. */
  ready: () => Promise<void>;
}
