import pino, { type DestinationStream, type Logger } from 'pino';

/** Anything that could let a reader act as someone else never reaches the log. */
const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.authCode',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.secret',
  '*.clientSecret',
  '*.appSecret',
  '*.password',
  '*.jwtSecret',
  '*.encryptionKeys',
];

export function createLogger({ level, pretty, destination }: { level: string; pretty: boolean; destination?: DestinationStream }): Logger {
  const options = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    ...(pretty && !destination ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

/** pino-pretty is a dev dependency: use it on a terminal when it is installed, JSON lines otherwise. */
export async function canPrettyPrint(): Promise<boolean> {
  if (!process.stdout.isTTY) return false;
  try {
    await import('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
