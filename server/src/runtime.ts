import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { buildApp } from './app';
import type { Config } from './config';
import { openDatabase, type Database } from './db/client';
import { runMigrations } from './db/migrate';
import { createDingTalkClient, type DingTalkClient } from './dingtalk/client';
import { sandboxTenantDefaults, startSandbox } from './sandbox';
import { dingtalkOptions, directoryOf } from './dingtalk-settings';
import { createFieldCipher, parseKeyring } from './platform/crypto/field-cipher';
import { loadOrCreateDevSecrets } from './platform/crypto/dev-secrets';
import { reencryptColumn } from './platform/crypto/reencrypt';
import { outboxWebhookRobotsColumn } from './platform/outbox/outbox.encrypted';
import { robotPoolEncryptedColumn } from './modules/alerts';
import { ticketAttachmentsEncryption } from './modules/tickets';
import { startFromPgliteTemplate } from './pglite-template';
import { seedAccess } from './seed-access';
import { connectSandbox, demoRoleGrants, seedDemo } from './demo';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface RunningDingOps {
  app: Awaited<ReturnType<typeof buildApp>>;
  database: Database;
  sandbox: Sandbox | null;
  /** Where the start-up went, in ms per phase: wall time and CPU time (main.ts logs both). */
  startup: { wall: Record<string, number>; cpu: Record<string, number> };
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
  const phases = startPhases();
  const secrets = resolveSecrets(config);
  if (!given) startFromPgliteTemplate(config.db);
  const database = given ?? (await openDatabase({ ...config.db, ...(log ? { log: log.child({ module: 'db' }) } : {}) }));
  phases.end('database');
  if (!given) await runMigrations(database);
  phases.end('migrations');

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
  phases.end('sandbox');
  const sandboxUrl = sandbox?.url ?? config.sandbox.externalUrl;
  const dingtalk = createDingTalkClient(dingtalkOptions(config, sandboxUrl, log));
  const cipher = createFieldCipher({ keyring: parseKeyring(secrets.encryptionKeys), algorithm: config.crypto.algorithm });

  const tls = config.server.tls;
  const app = await buildApp(
    { config, database, dingtalk, cipher, clock, sandboxApiUrl: sandboxUrl ? `${sandboxUrl}/sandbox/api` : null, streamOpenUrl: streamOpenUrlFor(config, sandboxUrl), directory: directoryOf(config, sandboxUrl !== null ? sandboxTenantDefaults : null) },
    { logger, jwtSecret: secrets.jwtSecret, https: tls ? { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } : null },
  );
  if (config.dingtalk.mode === 'sandbox') connectSandbox(app);
  phases.end('app');
  const demo = config.dingtalk.mode === 'sandbox' && config.sandbox.seedDemo;
  await seedAccess({ app, config, alsoGrant: demo ? await demoRoleGrants(app, sandbox?.demoRoleHints ?? []) : [] });
  if (demo) await seedDemo({ app, clock });
  phases.end('seed');
  const reencryption = reencryptInBackground(app, log);

  return {
    app,
    database,
    sandbox,
    startup: { wall: phases.done, cpu: phases.cpu },
    async close() {
      await reencryption;
      await app.close();
      await sandbox?.close();
      await database.close();
    },
  };
}

/**
 * Milliseconds spent in each named phase, each measured from the end of the one before: wall time,
 * and the CPU time the process used meanwhile (which depends far less on what else the machine runs).
 */
function startPhases() {
  const done: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  let last = performance.now();
  let lastCpu = cpuMs();
  return {
    done,
    cpu,
    end(name: string) {
      const now = performance.now();
      const nowCpu = cpuMs();
      done[name] = Math.round(now - last);
      cpu[name] = Math.round(nowCpu - lastCpu);
      last = now;
      lastCpu = nowCpu;
    },
  };
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Rule S3 key rotation: values written under an older key or cipher are rewritten after start. */
async function reencryptInBackground(app: RunningDingOps['app'], log: Logger | undefined) {
  const { db } = app.deps.database;
  const attachments = ticketAttachmentsEncryption({ db, cipher: app.deps.cipher, algorithm: app.deps.config.crypto.algorithm });
  // Screenshots stored before they were encrypted are sealed first, then rewrapped with the rest.
  await attachments
    .sealPlainFiles()
    .then((sealed) => sealed > 0 && log?.info({ sealed }, 'Encrypted screenshots stored before encryption'))
    .catch((error: unknown) => log?.error({ err: error }, 'Encrypting stored screenshots failed; they stay readable'));
  for (const column of [...app.identity.encryptedColumns(), outboxWebhookRobotsColumn(db), robotPoolEncryptedColumn(db), attachments.column]) {
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

function streamOpenUrlFor(config: Config, sandboxUrl: string | null): string | null {
  if (config.dingtalk.events.transport !== 'stream') return null;
  return sandboxUrl ? `${sandboxUrl}/v1.0/gateway/connections/open` : config.dingtalk.events.streamOpenUrl;
}

export type { DingTalkClient };
