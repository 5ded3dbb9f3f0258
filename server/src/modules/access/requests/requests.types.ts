/** What the request service and its reads are configured with, apart from both so neither imports the other. */
export interface RequestSettings {
  processCode: string | null;
  securityLeadUserId: string | null;
  approvalUrl: (instanceId: string) => string;
  /** How long a new request waits for the outbox to bring DingTalk's instance id (0 without an outbox worker). */
  instanceWaitMs: number;
}
