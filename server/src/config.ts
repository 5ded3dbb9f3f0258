import { existsSync } from 'node:fs';
import { z } from 'zod';

/**
 * Every setting DingOps reads, in one place. `doc` feeds the README table and .env.example.
 * Defaults suit a fresh machine: embedded PGlite under ./data and the built-in DingTalk sandbox.
 */
const boolFromEnv = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const listFromEnv = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));
/** Comma-separated DingTalk department ids (numbers), e.g. "581208002, 581208003". */
const departmentIdsFromEnv = z
  .string()
  .regex(/^[\d,\s]*$/, 'must be comma-separated numeric DingTalk department ids')
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean).map(Number));
const port = z.coerce.number().int().min(0).max(65535);

export const configKeys = {
  PORT: { schema: port.default(3000), doc: 'HTTP port of the API and the built micro-app.' },
  HOST: { schema: z.string().min(1).default('0.0.0.0'), doc: 'Interface the server listens on.' },
  PUBLIC_URL: { schema: z.url().optional(), doc: 'Public base URL of DingOps (links in DingTalk messages); defaults to http://localhost:PORT.' },
  LOG_LEVEL: { schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), doc: 'pino log level.' },
  TRUST_PROXY: { schema: boolFromEnv.default(false), doc: 'Trust X-Forwarded-* headers (set when behind a TLS proxy).' },
  TLS_CERT_FILE: { schema: z.string().optional(), doc: 'PEM certificate: with TLS_KEY_FILE the server speaks HTTPS itself.' },
  TLS_KEY_FILE: { schema: z.string().optional(), doc: 'PEM private key for TLS_CERT_FILE.' },
  DATABASE_URL: { schema: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(), doc: 'Postgres connection URL; unset → embedded PGlite in DATA_DIR.' },
  DATABASE_SCHEMA: { schema: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier').default('public'), doc: 'Postgres schema DingOps keeps its tables in.' },
  DATABASE_POOL_MAX: { schema: z.coerce.number().int().min(1).max(200).default(10), doc: 'Maximum Postgres connections per instance.' },
  DATABASE_STATEMENT_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).default(15000), doc: 'Postgres statement_timeout for every connection.' },
  DATA_DIR: { schema: z.string().min(1).default('./data'), doc: 'Where embedded PGlite and uploaded files live.' },
  JWT_SECRET: { schema: z.string().min(32, 'must be at least 32 characters').optional(), doc: 'HMAC secret for session tokens; required with live DingTalk (sandbox mode generates one in DATA_DIR).' },
  JWT_TTL_SECONDS: { schema: z.coerce.number().int().min(60).max(86400).default(7200), doc: 'Lifetime of a session token.' },
  LOGIN_RATE_LIMIT_PER_MINUTE: { schema: z.coerce.number().int().min(1).default(20), doc: 'Login attempts allowed per client IP per minute.' },
  ADMIN_USER_IDS: { schema: listFromEnv.default([]), doc: 'Comma-separated DingTalk user ids that are IT admins from the start.' },
  REGISTRATION_AUTO_ACTIVATE_DEPARTMENTS: { schema: departmentIdsFromEnv.default([]), doc: 'Rule S1: comma-separated DingTalk department ids whose people are active from their first login; everyone else (but ADMIN_USER_IDS) waits for IT review (账号审核).' },
  ENCRYPTION_KEYS: { schema: z.string().optional(), doc: 'Versioned data keys "v1:<base64 32 bytes>,v2:…"; the highest version encrypts. Required with live DingTalk.' },
  ENCRYPTION_ALGORITHM: { schema: z.enum(['aes-256-gcm', 'sm4-cbc-hmac-sm3']).default('aes-256-gcm'), doc: 'Cipher for sensitive columns: AES-256-GCM or the national standard SM4 with HMAC-SM3.' },
  DINGTALK_CLIENT_ID: { schema: z.string().min(1).optional(), doc: 'AppKey (Client ID) of the DingTalk internal app; set with the three below for live mode.' },
  DINGTALK_CLIENT_SECRET: { schema: z.string().min(1).optional(), doc: 'AppSecret (Client Secret) of the DingTalk app.' },
  DINGTALK_CORP_ID: { schema: z.string().min(1).optional(), doc: 'The organisation’s corpId (ding…).' },
  DINGTALK_AGENT_ID: { schema: z.string().regex(/^\d+$/, 'must be numeric').optional(), doc: 'AgentId of the micro-app (work notifications).' },
  DINGTALK_API_ENDPOINT: { schema: z.string().default('api.dingtalk.com'), doc: 'Host of the v1.0 OpenAPI (live mode).' },
  DINGTALK_OAPI_URL: { schema: z.url().default('https://oapi.dingtalk.com'), doc: 'Base URL of the old oapi/topapi host (live mode).' },
  DINGTALK_TIMEOUT_MS: { schema: z.coerce.number().int().min(100).default(10000), doc: 'Timeout of one DingTalk API call.' },
  DINGTALK_EVENT_TRANSPORT: { schema: z.enum(['stream', 'http', 'off']).default('stream'), doc: 'How DingTalk events reach DingOps: Stream (a WebSocket DingOps opens) or HTTP callback (DingTalk posts to /dingtalk/callback).' },
  DINGTALK_CALLBACK_TOKEN: { schema: z.string().min(1).optional(), doc: 'HTTP callback: the token set in the DingTalk developer console (sandbox: a built-in one).' },
  DINGTALK_CALLBACK_AES_KEY: { schema: z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey').optional(), doc: 'HTTP callback: the EncodingAESKey set in the developer console (sandbox: a built-in one).' },
  DINGTALK_CALLBACK_OWNER_KEY: { schema: z.string().min(1).optional(), doc: 'HTTP callback: the key the payload is encrypted for — the AppKey for console subscriptions (default), the corpId for the legacy register API.' },
  DINGTALK_CALLBACK_MAX_SKEW_MS: { schema: z.coerce.number().int().min(1000).default(600000), doc: 'HTTP callback: requests whose timestamp is further from now are refused as stale.' },
  DINGTALK_STREAM_OPEN_URL: { schema: z.url().default('https://api.dingtalk.com/v1.0/gateway/connections/open'), doc: 'Stream mode: the gateway registration URL (live mode).' },
  DINGTALK_IT_GROUP_ID: { schema: z.string().min(1).optional(), doc: 'openConversationId of the IT on-call group (sandbox: IT运维值班群).' },
  DINGTALK_SECURITY_GROUP_ID: { schema: z.string().min(1).optional(), doc: 'openConversationId of the security group (sandbox: 信息安全群).' },
  DINGTALK_LEADERSHIP_GROUP_ID: { schema: z.string().min(1).optional(), doc: 'openConversationId of the leadership group where unacknowledged level-1 alerts end (sandbox: 管理层群).' },
  DINGTALK_CARD_TEMPLATE_GENERAL: { schema: z.string().min(1).optional(), doc: 'Card template id (…schema) for tickets and notices, built in the card platform (sandbox: built in).' },
  DINGTALK_CARD_TEMPLATE_ALERT: { schema: z.string().min(1).optional(), doc: 'Card template id for alert cards (sandbox: built in).' },
  DINGTALK_SCENE_GROUP_TEMPLATE_ID: { schema: z.string().min(1).optional(), doc: 'Scene-group template (场景群模板) id for level-1 war rooms, with the app robot in it (sandbox: built in; unset live: no war rooms).' },
  DINGTALK_APPROVAL_PROCESS_CODE: { schema: z.string().min(1).optional(), doc: 'processCode (PROC-…) of the permission-change approval form (权限变更申请) in the approval app; checked by `pnpm run doctor` (sandbox: built in).' },
  DINGTALK_SANDBOX_URL: { schema: z.url().optional(), doc: 'Use an already running DingTalk sandbox at this URL instead of starting one (several instances, tests).' },
  SANDBOX_PORT: { schema: port.default(3001), doc: 'Port of the built-in DingTalk sandbox (sandbox mode).' },
  SANDBOX_HOST: { schema: z.string().min(1).default('127.0.0.1'), doc: 'Interface the sandbox listens on.' },
  SANDBOX_SEED_DEMO: { schema: boolFromEnv.default(true), doc: 'Seed the demo company’s DingOps roles into an empty database (sandbox mode).' },
  SCHEDULER_ENABLED: { schema: boolFromEnv.default(true), doc: 'Run scheduled jobs in this instance (each run takes an advisory lock, so N instances run it once).' },
  AUDIT_VERIFY_CRON: { schema: z.string().default('0 3 * * *'), doc: 'When the audit hash chain is verified automatically (cron, UTC; rule S5).' },
  TICKETS_AUTO_CLOSE_DAYS: { schema: z.coerce.number().int().min(1).max(90).default(3), doc: 'Resolved tickets the reporter did not confirm close after this many days.' },
  TICKETS_AUTO_CLOSE_CRON: { schema: z.string().default('17 * * * *'), doc: 'When unconfirmed resolved tickets are closed (cron, UTC).' },
  ACCESS_SECURITY_LEAD_USER_ID: { schema: z.string().trim().min(1).max(64).optional(), doc: 'DingTalk user id of the security group\'s lead, the last approver of high-risk access (sandbox: 孙悦).' },
  ACCESS_EXPIRY_CRON: { schema: z.string().default('* * * * *'), doc: 'How often grants past their end are ended and end reminders sent (cron).' },
  ACCESS_EXPIRY_REMINDER_DAYS: { schema: z.coerce.number().int().min(1).max(60).default(7), doc: 'Days before a grant ends that its holder and their manager are reminded.' },
  ACCESS_REVIEW_CRON: { schema: z.string().default('*/15 * * * *'), doc: 'How often open access reviews remind reviewers and escalate past their due date (cron).' },
  ACCESS_QUARTERLY_REVIEW_CRON: { schema: z.string().default('0 1 1 1,4,7,10 *'), doc: 'When the quarterly access review campaign opens (cron, UTC; 09:00 Beijing on the first day of each quarter).' },
  ACCESS_REVIEW_DAYS: { schema: z.coerce.number().int().min(1).max(90).default(14), doc: 'Days a quarterly or mover review gives reviewers before it escalates.' },
  TICKETS_SLA_SWEEP_CRON: { schema: z.string().default('*/5 * * * *'), doc: 'How often ticket SLA clocks are checked for reminders and escalation (cron).' },
  ALERTS_GROUP_BY: { schema: listFromEnv.default(['alertname', 'service|job']), doc: 'Labels alerts are grouped by into one card (comma-separated; `a|b` takes the first present).' },
  ALERTS_GROUP_WAIT_SECONDS: { schema: z.coerce.number().int().min(0).default(30), doc: 'How long a new level-2 alert group waits for more alerts before its card goes out (level 1: no wait).' },
  ALERTS_GROUP_INTERVAL_SECONDS: { schema: z.coerce.number().int().min(0).default(60), doc: 'Least time between two card updates of one alert group, unless its status changes.' },
  ALERTS_FLAP_THRESHOLD: { schema: z.coerce.number().int().min(1).default(4), doc: 'An alert group with more firing↔resolved changes than this within the flap window is flapping.' },
  ALERTS_FLAP_WINDOW_MINUTES: { schema: z.coerce.number().int().min(1).default(10), doc: 'The flap window.' },
  ALERTS_FLAP_DAMP_SECONDS: { schema: z.coerce.number().int().min(0).default(600), doc: 'Least time between card updates of a flapping alert group.' },
  ALERTS_STORM_CARDS_PER_MINUTE: { schema: z.coerce.number().int().min(1).default(10), doc: 'New level-2 alert group cards a chat takes per minute; past that, new level-2 groups are folded into one storm summary card.' },
  ALERTS_INHIBIT_EQUAL: { schema: listFromEnv.default(['service', 'instance']), doc: 'A firing level-1 alert inhibits level-2/3 alerts that agree with it on these labels.' },
  ALERTS_ESCALATE_CRON: { schema: z.string().default('* * * * *'), doc: 'How often unacknowledged level-1 alert groups walk their escalation policy (cron).' },
  ALERTS_FLUSH_CRON: { schema: z.string().default('* * * * *'), doc: 'How often waiting and damped alert cards are sent (cron).' },
  ALERTS_DIGEST_CRON: { schema: z.string().default('*/30 * * * *'), doc: 'When the level-3 digest card is posted (cron).' },
  ALERTS_REPEAT_CRON: { schema: z.string().default('* * * * *'), doc: 'How often firing, unacknowledged alert groups are checked for a repeat reminder (the intervals are set per level in 通知节奏).' },
  ALERTS_TOKEN_CACHE_MS: { schema: z.coerce.number().int().min(0).default(5000), doc: 'How long a checked source token (and the rules, silences, maintenance windows and notification timing) are cached per instance.' },
  INBOX_DISPATCHER: { schema: boolFromEnv.default(true), doc: 'Run the inbox dispatcher (hands stored events to modules) in this instance.' },
  INBOX_POLL_MS: { schema: z.coerce.number().int().min(10).default(500), doc: 'How often an idle inbox dispatcher looks for stored events.' },
  INBOX_MAX_ATTEMPTS: { schema: z.coerce.number().int().min(1).default(8), doc: 'Handler attempts before an event is parked for an admin.' },
  OUTBOX_WORKER: { schema: boolFromEnv.default(true), doc: 'Run the outbox delivery worker in this instance (any number of instances may).' },
  OUTBOX_CONCURRENCY: { schema: z.coerce.number().int().min(1).max(64).default(4), doc: 'Deliveries in flight at once per instance.' },
  OUTBOX_POLL_MS: { schema: z.coerce.number().int().min(10).default(500), doc: 'How often an idle worker looks for due effects.' },
  OUTBOX_MAX_ATTEMPTS: { schema: z.coerce.number().int().min(1).default(12), doc: 'Attempts before an effect becomes a dead letter.' },
  OUTBOX_RETRY_BASE_MS: { schema: z.coerce.number().int().min(1).default(2000), doc: 'First retry delay; doubles per attempt, with jitter.' },
  OUTBOX_RETRY_MAX_MS: { schema: z.coerce.number().int().min(1).default(600000), doc: 'Longest retry delay.' },
  OUTBOX_LEASE_MS: { schema: z.coerce.number().int().min(100).default(60000), doc: 'A claimed effect not finished within this is claimed again (its worker died).' },
  ROBOT_RATE_LIMIT: { schema: z.coerce.number().int().min(1).default(20), doc: 'Messages one DingTalk robot may send per window (DingTalk: 20 a minute).' },
  ROBOT_RATE_WINDOW_MS: { schema: z.coerce.number().int().min(100).default(60000), doc: 'The robot rate-limit window.' },
  ROBOT_RATE_MARGIN_MS: { schema: z.coerce.number().int().min(0).default(1000), doc: 'Added to the window on our side: DingTalk counts arrivals, and network jitter can bunch sends together.' },
  ROBOT_THROTTLE_PENALTY_MS: { schema: z.coerce.number().int().min(100).default(600000), doc: 'How long a robot DingTalk throttled is left alone (DingTalk: 10 minutes).' },
  MINIAPP_DIST: { schema: z.string().default('./miniapp/dist'), doc: 'Folder of the built micro-app.' },
} as const;

type Keys = typeof configKeys;
type RawEnv = { [K in keyof Keys]: z.output<Keys[K]['schema']> };

const envSchema = z.object(Object.fromEntries(Object.entries(configKeys).map(([key, { schema }]) => [key, schema])) as { [K in keyof Keys]: Keys[K]['schema'] });

/** Thrown when the environment is unusable; `issues` holds one readable line per variable. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((line) => `  - ${line}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = readEnvironment()): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`)),
    ...crossFieldIssues(cleaned),
  ];
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  return toConfig(parsed.data as RawEnv);
}

const dingtalkKeys = ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET', 'DINGTALK_CORP_ID', 'DINGTALK_AGENT_ID'] as const;

/** Settings that only make sense together; checked on the raw values so they are listed with the rest. */
function crossFieldIssues(env: Record<string, string | undefined>): string[] {
  const present = dingtalkKeys.filter((key) => env[key] !== undefined);
  const issues: string[] = [];
  if (present.length > 0 && present.length < dingtalkKeys.length) {
    const missing = dingtalkKeys.filter((key) => env[key] === undefined);
    issues.push(`${missing.join(', ')}: live DingTalk needs all of ${dingtalkKeys.join(', ')} (missing these)`);
  }
  const isLive = present.length === dingtalkKeys.length;
  if (isLive && !env.JWT_SECRET) issues.push('JWT_SECRET: required with live DingTalk');
  if (isLive && !env.ENCRYPTION_KEYS) issues.push('ENCRYPTION_KEYS: required with live DingTalk');
  if (isLive && env.DINGTALK_EVENT_TRANSPORT === 'http' && !(env.DINGTALK_CALLBACK_TOKEN && env.DINGTALK_CALLBACK_AES_KEY)) {
    issues.push('DINGTALK_CALLBACK_AES_KEY: HTTP callback needs DINGTALK_CALLBACK_TOKEN and DINGTALK_CALLBACK_AES_KEY');
  }
  if (isLive && env.DINGTALK_SANDBOX_URL) issues.push('DINGTALK_SANDBOX_URL: a sandbox URL cannot be combined with live DingTalk credentials');
  if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) issues.push('TLS_CERT_FILE: TLS_CERT_FILE and TLS_KEY_FILE go together');
  return issues;
}

function toConfig(env: RawEnv) {
  const isLive = dingtalkKeys.every((key) => env[key] !== undefined);

  return {
    server: {
      port: env.PORT,
      host: env.HOST,
      publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
      trustProxy: env.TRUST_PROXY,
      tls: env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE } : null,
      miniappDist: env.MINIAPP_DIST,
    },
    log: { level: env.LOG_LEVEL },
    db: {
      url: env.DATABASE_URL ?? null,
      schema: env.DATABASE_SCHEMA,
      poolMax: env.DATABASE_POOL_MAX,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      dataDir: env.DATA_DIR,
    },
    auth: {
      jwtSecret: env.JWT_SECRET ?? null,
      jwtTtlSeconds: env.JWT_TTL_SECONDS,
      loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
      adminUserIds: env.ADMIN_USER_IDS,
      autoActivateDepartmentIds: env.REGISTRATION_AUTO_ACTIVATE_DEPARTMENTS,
    },
    crypto: { keys: env.ENCRYPTION_KEYS ?? null, algorithm: env.ENCRYPTION_ALGORITHM },
    dingtalk: {
      mode: isLive ? ('live' as const) : ('sandbox' as const),
      clientId: env.DINGTALK_CLIENT_ID ?? 'dingsandboxappkey',
      clientSecret: env.DINGTALK_CLIENT_SECRET ?? 'sandbox-app-secret-not-for-production',
      corpId: env.DINGTALK_CORP_ID ?? 'dingsandboxcorp0001',
      agentId: env.DINGTALK_AGENT_ID ?? '100000001',
      apiEndpoint: env.DINGTALK_API_ENDPOINT,
      oapiUrl: env.DINGTALK_OAPI_URL,
      timeoutMs: env.DINGTALK_TIMEOUT_MS,
      groups: {
        itOps: env.DINGTALK_IT_GROUP_ID ?? null,
        security: env.DINGTALK_SECURITY_GROUP_ID ?? null,
        leadership: env.DINGTALK_LEADERSHIP_GROUP_ID ?? null,
      },
      cardTemplates: { general: env.DINGTALK_CARD_TEMPLATE_GENERAL ?? null, alert: env.DINGTALK_CARD_TEMPLATE_ALERT ?? null },
      sceneGroupTemplateId: env.DINGTALK_SCENE_GROUP_TEMPLATE_ID ?? null,
      approvalProcessCode: env.DINGTALK_APPROVAL_PROCESS_CODE ?? null,
      events: {
        transport: env.DINGTALK_EVENT_TRANSPORT,
        // The sandbox's values are fixed and public: they only ever protect a local trial.
        callbackToken: env.DINGTALK_CALLBACK_TOKEN ?? 'dingops-sandbox-token',
        callbackAesKey: env.DINGTALK_CALLBACK_AES_KEY ?? 'DingOpsSandboxCallbackAesKey0123456789abcde',
        ownerKey: env.DINGTALK_CALLBACK_OWNER_KEY ?? env.DINGTALK_CLIENT_ID ?? 'dingsandboxappkey',
        maxSkewMs: env.DINGTALK_CALLBACK_MAX_SKEW_MS,
        streamOpenUrl: env.DINGTALK_STREAM_OPEN_URL,
      },
    },
    access: {
      securityLeadUserId: env.ACCESS_SECURITY_LEAD_USER_ID ?? null,
      expiryCron: env.ACCESS_EXPIRY_CRON,
      reminderDays: env.ACCESS_EXPIRY_REMINDER_DAYS,
      reviewCron: env.ACCESS_REVIEW_CRON,
      quarterlyReviewCron: env.ACCESS_QUARTERLY_REVIEW_CRON,
      reviewDays: env.ACCESS_REVIEW_DAYS,
    },
    tickets: { autoCloseDays: env.TICKETS_AUTO_CLOSE_DAYS, autoCloseCron: env.TICKETS_AUTO_CLOSE_CRON, slaSweepCron: env.TICKETS_SLA_SWEEP_CRON },
    alerts: {
      groupBy: env.ALERTS_GROUP_BY,
      groupWaitSeconds: env.ALERTS_GROUP_WAIT_SECONDS,
      groupIntervalSeconds: env.ALERTS_GROUP_INTERVAL_SECONDS,
      flap: { threshold: env.ALERTS_FLAP_THRESHOLD, windowMinutes: env.ALERTS_FLAP_WINDOW_MINUTES, dampSeconds: env.ALERTS_FLAP_DAMP_SECONDS },
      inhibitEqual: env.ALERTS_INHIBIT_EQUAL,
      stormCardsPerMinute: env.ALERTS_STORM_CARDS_PER_MINUTE,
      escalateCron: env.ALERTS_ESCALATE_CRON,
      flushCron: env.ALERTS_FLUSH_CRON,
      digestCron: env.ALERTS_DIGEST_CRON,
      repeatCron: env.ALERTS_REPEAT_CRON,
      cacheMs: env.ALERTS_TOKEN_CACHE_MS,
    },
    scheduler: { enabled: env.SCHEDULER_ENABLED, auditVerifyCron: env.AUDIT_VERIFY_CRON },
    inbox: { dispatcher: env.INBOX_DISPATCHER, pollMs: env.INBOX_POLL_MS, maxAttempts: env.INBOX_MAX_ATTEMPTS },
    outbox: {
      worker: env.OUTBOX_WORKER,
      concurrency: env.OUTBOX_CONCURRENCY,
      pollMs: env.OUTBOX_POLL_MS,
      leaseMs: env.OUTBOX_LEASE_MS,
      policy: { maxAttempts: env.OUTBOX_MAX_ATTEMPTS, baseDelayMs: env.OUTBOX_RETRY_BASE_MS, maxDelayMs: env.OUTBOX_RETRY_MAX_MS },
      robotLimit: env.ROBOT_RATE_LIMIT,
      robotWindowMs: env.ROBOT_RATE_WINDOW_MS + env.ROBOT_RATE_MARGIN_MS,
      throttlePenaltyMs: env.ROBOT_THROTTLE_PENALTY_MS,
    },
    sandbox: { port: env.SANDBOX_PORT, host: env.SANDBOX_HOST, seedDemo: env.SANDBOX_SEED_DEMO, externalUrl: env.DINGTALK_SANDBOX_URL ?? null },
  };
}

export type Config = ReturnType<typeof toConfig>;

/** Test helper: the default config with some values replaced. */
export function overrideConfig(env: Record<string, string | undefined>): Config {
  return loadConfig(env);
}

/** process.env plus an optional ./.env file (process.env wins). Nothing else reads the environment. */
function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return { ...process.env };
}
