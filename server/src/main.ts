import { ConfigError, loadConfig } from './config';
import { canPrettyPrint, createLogger } from './platform/logging/logger';
import { startDingOps } from './runtime';

async function main() {
  // performance.now() counts from the process start: this is the time spent loading the code.
  const loadedAt = performance.now();
  const loadedCpu = cpuMs();
  const config = readConfigOrExit();
  const logger = createLogger({ level: config.log.level, pretty: await canPrettyPrint() });
  const running = await startDingOps({ config, logger });
  const listenAt = performance.now();
  const listenCpu = cpuMs();
  const address = await running.app.listen({ port: config.server.port, host: config.server.host });
  const startupMs = Math.round(performance.now());
  // Where the start-up went, wall time and CPU time per phase, to compare builds and machines.
  const phases = { load: Math.round(loadedAt), ...running.startup.wall, listen: Math.round(performance.now() - listenAt) };
  const phasesCpu = { load: Math.round(loadedCpu), ...running.startup.cpu, listen: Math.round(cpuMs() - listenCpu) };
  logger.info({ address, startupMs, phases, phasesCpu, database: running.database.driver, dingtalk: config.dingtalk.mode }, 'DingOps started');
  printUrls(config.server.port, running.sandbox?.url ?? null, config.server.tls !== null);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    // Stop taking requests, finish the ones in flight, then close the database.
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await running.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

function readConfigOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

function printUrls(port: number, sandboxUrl: string | null, https: boolean) {
  const base = `${https ? 'https' : 'http'}://localhost:${port}`;
  const lines = [
    '',
    'DingOps is running:',
    `  Micro-app        ${base}/`,
    `  API docs (JSON)  ${base}/api/docs/json`,
    `  Health           ${base}/readyz`,
    ...(sandboxUrl ? [`  DingTalk sandbox ${sandboxUrl}/sandbox/`, `  Sandbox API      ${sandboxUrl}/sandbox/api/people`] : []),
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error('DingOps failed to start:', error);
  process.exit(1);
});
