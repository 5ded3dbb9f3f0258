import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { buildApp } from './app';
import type { Config } from './config';
import { openDatabase, type Database } from './db/client';
import { runMigrations } from './db/migrate';
import { createDingTalkClient, type DingTalkClient } from './dingtalk/client';
import { demoGroupIds, startSandbox } from './dingtalk/sandbox';
import { sandboxCardTemplateIds } from './dingtalk/sandbox/messaging/card-templates';
import { sandboxSceneGroupTemplateId } from './dingtalk/sandbox/messaging/scene-groups';
import type { DingTalkDirectory } from './platform/deps';
import { createFieldCipher, parseKeyring } from './platform/crypto/field-cipher';
import { loadOrCreateDevSecrets } from './platform/crypto/dev-secrets';
import { reencryptColumn } from './platform/crypto/reencrypt';
import { outboxWebhookRobotsColumn } from './platform/outbox/outbox.encrypted';
import { robotPoolEncryptedColumn } from './modules/alerts';
import { seedDemoArticles } from './modules/knowledge';
import { seedAccess } from './seed-access';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface RunningDingOps {
  app: Awaited<ReturnType<typeof buildApp>>;
  database: Database;
  sandbox: Sandbox | null;
  close(): Promise<void>;
}

/** Opens the database, migrates, starts the sandbox when no tenant is configured, and builds the app. */
interface StartOptions {
  config: Config;
  logger: Logger | false;
  clock?: () => Date;
  /** An already opened and migrated database (tests); otherwise one is opened from config. */
  database?: Database;
}

export async function startDingOps({ config, logger, clock = () => new Date(), database: given }: StartOptions): Promise<RunningDingOps> {
  const log = logger || undefined;
  const secrets = resolveSecrets(config);
  const database = given ?? (await openDatabase({ ...config.db, ...(log ? { log: log.child({ module: 'db' }) } : {}) }));
  if (!given) await runMigrations(database);

  const ownSandbox = config.dingtalk.mode === 'sandbox' && !config.sandbox.externalUrl;
  const sandbox = ownSandbox
    ? await startSandbox({
        host: config.sandbox.host,
        port: config.sandbox.port,
        clientId: config.dingtalk.clientId,
        clientSecret: config.dingtalk.clientSecret,
        corpId: config.dingtalk.corpId,
        agentId: config.dingtalk.agentId,
        miniappUrl: config.server.publicUrl,
        ...(log ? { log: log.child({ module: 'sandbox' }) } : {}),
      })
    : null;
  const sandboxUrl = sandbox?.url ?? config.sandbox.externalUrl;
  const dingtalk = createDingTalkClient(dingtalkOptions(config, sandboxUrl, log));
  const cipher = createFieldCipher({ keyring: parseKeyring(secrets.encryptionKeys), algorithm: config.crypto.algorithm });

  const tls = config.server.tls;
  const app = await buildApp(
    { config, database, dingtalk, cipher, clock, sandboxApiUrl: sandboxUrl ? `${sandboxUrl}/sandbox/api` : null, streamOpenUrl: streamOpenUrlFor(config, sandboxUrl), directory: directoryOf(config, sandboxUrl !== null) },
    { logger, jwtSecret: secrets.jwtSecret, https: tls ? { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } : null },
  );
  await seedAccess({ app, config, demoRoles: sandbox?.demoRoleHints ?? [] });
  await seedDemoArticles({ app, config });
  const reencryption = reencryptInBackground(app, log);

  return {
    app,
    database,
    sandbox,
    async close() {
      await reencryption;
      await app.close();
      await sandbox?.close();
      await database.close();
    },
  };
}

/** Rule S3 key rotation: values written under an older key or cipher are rewritten after start. */
async function reencryptInBackground(app: RunningDingOps['app'], log: Logger | undefined) {
  for (const column of [...app.identity.encryptedColumns(), outboxWebhookRobotsColumn(app.deps.database.db), robotPoolEncryptedColumn(app.deps.database.db)]) {
    try {
      const rewritten = await reencryptColumn({ cipher: app.deps.cipher, column });
      if (rewritten > 0) log?.info({ column: column.name, rewritten }, 'Re-encrypted values under the current key');
    } catch (error) {
      log?.error({ err: error, column: column.name }, 'Re-encryption failed; old values stay readable');
    }
  }
}

function resolveSecrets(config: Config) {
  if (config.auth.jwtSecret && config.crypto.keys) return { jwtSecret: config.auth.jwtSecret, encryptionKeys: config.crypto.keys };
  const dev = loadOrCreateDevSecrets(config.db.dataDir);
  return { jwtSecret: config.auth.jwtSecret ?? dev.jwtSecret, encryptionKeys: config.crypto.keys ?? dev.encryptionKeys };
}

/** Configured groups and templates win; against the sandbox its demo groups and built-in templates fill the gaps. */
export function directoryOf(config: Config, isSandbox: boolean): DingTalkDirectory {
  const { groups, cardTemplates } = config.dingtalk;
  return {
    itOpsGroupId: groups.itOps ?? (isSandbox ? demoGroupIds['it-oncall'] : null),
    securityGroupId: groups.security ?? (isSandbox ? demoGroupIds.security : null),
    leadershipGroupId: groups.leadership ?? (isSandbox ? demoGroupIds.leadership : null),
    cardTemplates: {
      general: cardTemplates.general ?? (isSandbox ? sandboxCardTemplateIds.general : null),
      alert: cardTemplates.alert ?? (isSandbox ? sandboxCardTemplateIds.alert : null),
    },
    sceneGroupTemplateId: config.dingtalk.sceneGroupTemplateId ?? (isSandbox ? sandboxSceneGroupTemplateId : null),
  };
}

function streamOpenUrlFor(config: Config, sandboxUrl: string | null): string | null {
  if (config.dingtalk.events.transport !== 'stream') return null;
  return sandboxUrl ? `${sandboxUrl}/v1.0/gateway/connections/open` : config.dingtalk.events.streamOpenUrl;
}

export function dingtalkOptions(config: Config, sandboxUrl: string | null, log: Logger | undefined) {
  const { clientId, clientSecret, corpId, agentId, timeoutMs } = config.dingtalk;
  const target = sandboxUrl
    ? { apiEndpoint: new URL(sandboxUrl).host, apiProtocol: 'http' as const, oapiBaseUrl: sandboxUrl }
    : { apiEndpoint: config.dingtalk.apiEndpoint, apiProtocol: 'https' as const, oapiBaseUrl: config.dingtalk.oapiUrl };
  return { clientId, clientSecret, corpId, agentId, timeoutMs, webhookThrottlePenaltyMs: config.outbox.throttlePenaltyMs, ...target, ...(log ? { log } : {}) };
}

export type { DingTalkClient };
