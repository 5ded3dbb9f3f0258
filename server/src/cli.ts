// Operator commands, compiled like the server: `node server/dist/cli.js <command>` (or `pnpm doctor`,
// `pnpm audit:verify`, … which compile first if the sources changed).
//   audit:verify   walk the audit hash chain and report the first broken link (exit 1 when broken)
//   doctor         check the configured DingTalk tenant (or sandbox), database and keys (exit 1 when a check fails)
//   config:docs    print the configuration table (markdown) for the README
//   config:env     print .env.example
//   pglite:template  prepare the migrated embedded-PGlite data dir a first start copies (npm start runs it)
import { configKeys, ConfigError, loadConfig } from './config';

// Each command loads what it needs when it runs (the database drivers, the doctor's DingTalk
// client): `config:docs` starts in a fraction of a second.

const commands: Record<string, () => Promise<number>> = {
  async 'audit:verify'() {
    const config = loadConfig();
    const [{ openDatabase }, { runMigrations }, { createAuditRepository }, { createAuditService }] = await Promise.all([
      import('./db/client'),
      import('./db/migrate'),
      import('./platform/audit/audit.repository'),
      import('./platform/audit/audit.service'),
    ]);
    const database = await openDatabase(config.db);
    try {
      await runMigrations(database);
      const audit = createAuditService({ repo: createAuditRepository({ db: database.db }), clock: () => new Date() });
      const result = await audit.verify();
      console.log(result.ok ? `Audit chain intact: ${result.checked} rows checked.` : `Audit chain BROKEN at row ${result.firstBrokenId}: ${result.reason} (${result.checked} rows before it are intact).`);
      return result.ok ? 0 : 1;
    } finally {
      await database.close();
    }
  },
  async doctor() {
    const { formatReport, runDoctor } = await import('./doctor/doctor');
    const report = await runDoctor({ config: loadConfig() });
    console.log(formatReport(report));
    return report.ok ? 0 : 1;
  },
  async 'pglite:template'() {
    const { preparePgliteTemplate } = await import('./pglite-template');
    if (await preparePgliteTemplate()) console.log('Prepared the embedded PGlite template for first starts.');
    return 0;
  },
  async 'config:docs'() {
    console.log('| variable | default | meaning |\n| --- | --- | --- |');
    for (const [key, { schema, doc }] of Object.entries(configKeys)) console.log(`| \`${key}\` | ${defaultOf(schema)} | ${doc} |`);
    return 0;
  },
  async 'config:env'() {
    console.log('# DingOps settings. Every one is optional on a fresh machine (PGlite + DingTalk sandbox).');
    for (const [key, { schema, doc }] of Object.entries(configKeys)) {
      const fallback = defaultOf(schema);
      console.log(`\n# ${doc}\n# ${key}=${fallback === '—' ? '' : fallback.replace(/`/g, '')}`);
    }
    return 0;
  },
};

function defaultOf(schema: { safeParse(input: unknown): { success: boolean; data?: unknown } }): string {
  const parsed = schema.safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return '—';
  const value = Array.isArray(parsed.data) ? parsed.data.join(',') : String(parsed.data);
  return value === '' ? '—' : `\`${value}\``;
}

const name = process.argv[2] ?? '';
const command = commands[name];
if (!command) {
  console.error(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
command().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
