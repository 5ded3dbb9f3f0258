// Build-time settings, checked by hand: this runs in the first download, where zod would be the
// biggest part. Anything wrong fails at start with every bad key listed.

/** Base path of the DingOps REST API; same origin by default (the server serves the app). */
const apiBaseUrlKey = 'VITE_API_BASE_URL';
/** Prefix of the keys DingOps keeps in browser storage (session, language). */
const storagePrefixKey = 'VITE_STORAGE_PREFIX';

function readEnv() {
  const source = import.meta.env as Record<string, unknown>;
  const apiBaseUrl = source[apiBaseUrlKey] ?? '/api/v1';
  const storagePrefix = source[storagePrefixKey] ?? 'dingops';
  const issues = [
    typeof apiBaseUrl === 'string' ? null : `${apiBaseUrlKey}: expected a string`,
    typeof storagePrefix === 'string' && storagePrefix.length > 0 ? null : `${storagePrefixKey}: expected a non-empty string`,
  ].filter(Boolean);
  if (issues.length > 0) throw new Error(`Invalid miniapp environment:\n${issues.join('\n')}`);
  return {
    apiBaseUrl: (apiBaseUrl as string).replace(/\/+$/, ''),
    storagePrefix: storagePrefix as string,
  };
}

export const env = readEnv();
