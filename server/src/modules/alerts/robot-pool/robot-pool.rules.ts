/** Pure checks on a custom robot's webhook URL (no I/O). */

/**
 * Why a webhook URL cannot be a pool robot of this DingOps, or null when it can. Only DingTalk's own
 * robot endpoint is accepted (in sandbox mode the sandbox's), so an admin cannot make DingOps post
 * alert text to an arbitrary server.
 */
export function webhookUrlProblem(webhookUrl: string, { oapiBaseUrl, requireHttps }: { oapiBaseUrl: string; requireHttps: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    return 'must be a URL';
  }
  const expected = new URL('/robot/send', oapiBaseUrl);
  if (requireHttps && url.protocol !== 'https:') return 'must use https';
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) return `must be ${expected.origin}${expected.pathname}?access_token=…`;
  if (!url.searchParams.get('access_token')) return 'must carry the robot’s access_token';
  if (url.username || url.password || url.hash) return 'must not carry credentials or a fragment';
  // DingOps signs each request itself; a fixed timestamp/sign would expire within the hour.
  if (url.searchParams.has('sign') || url.searchParams.has('timestamp')) return 'give the URL without timestamp and sign (add the secret instead)';
  return null;
}

/** The URL as admins may see it again: the token masked but for its last 4 characters. */
export function webhookHintOf(webhookUrl: string): string {
  const url = new URL(webhookUrl);
  const token = url.searchParams.get('access_token') ?? '';
  return `${url.origin}${url.pathname}?access_token=…${token.slice(-4)}`;
}
