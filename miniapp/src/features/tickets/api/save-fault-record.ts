import type { FaultRecordBody } from '@dingops/shared/tickets';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

/** PUT /tickets/:ticketId/fault-record (IT): rule F6's record of cause, actions, result and time spent. Quiet: the sheet shows errors. */
export async function saveFaultRecord({ ticketId, body }: { ticketId: string; body: FaultRecordBody }): Promise<void> {
  await apiRequest(`/tickets/${encodeURIComponent(ticketId)}/fault-record`, { method: 'PUT', body, schema: z.unknown(), silent: true });
}
