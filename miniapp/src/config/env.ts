import { z } from 'zod';

/** Build-time settings; anything wrong fails at start with every bad key listed. */
const envSchema = z.object({
  /** Base path of the DingOps REST API; same origin by default (the server serves the app). */
  VITE_API_BASE_URL: z.string().default('/api/v1'),
  /** Prefix of the keys DingOps keeps in browser storage (session, language). */
  VITE_STORAGE_PREFIX: z.string().min(1).default('dingops'),
});

function readEnv() {
  const parsed = envSchema.safeParse(import.meta.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid miniapp environment:\n${issues.join('\n')}`);
  }
  return {
    apiBaseUrl: parsed.data.VITE_API_BASE_URL.replace(/\/+$/, ''),
    storagePrefix: parsed.data.VITE_STORAGE_PREFIX,
  };
}

export const env = readEnv();
