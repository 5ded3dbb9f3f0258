// DingTalk's container, behind plain functions. dingtalk-jsapi itself is in dingtalk-jsapi.ts and
// loads only where DingTalk may be (loadDingTalk); in a plain browser every call here answers as
// "not in DingTalk" without it. Every function that needs it checks isInDingTalk() first, which is
// false until it has loaded.

export type DingTalkPlatform = 'ios' | 'android' | 'harmony' | 'pc' | 'other' | 'notInDingTalk';

/**
 * Whether the page might be inside DingTalk (or its government edition), from what any of its
 * containers shows: its name in the user agent, its window name, or its injected globals. Outside
 * all of them dingtalk-jsapi is never loaded: the login page in a browser does without its ~20 kB.
 */
function mayBeInDingTalk(): boolean {
  if (/dingtalk|taurusapp|aliapp|dd-web/i.test(navigator.userAgent)) return true;
  if (window.name.includes('containerId')) return true;
  const scope = globalThis as Record<string, unknown>;
  return ['dingtalk', 'dd', 'nuva', 'weex', 'my'].some((name) => scope[name] !== undefined);
}

let jsapi: typeof import('./dingtalk-jsapi') | null = null;

/** Loads dingtalk-jsapi when the page may be inside DingTalk; the app awaits it before its first render. */
export async function loadDingTalk(): Promise<void> {
  if (mayBeInDingTalk()) jsapi = await import('./dingtalk-jsapi');
}

/** Which DingTalk container the page runs in (`notInDingTalk` in a plain browser). */
export function getPlatform(): DingTalkPlatform {
  if (!jsapi) return 'notInDingTalk';
  const platform = String(jsapi.getENV().platform);
  if (platform === 'ios' || platform === 'android' || platform === 'harmony' || platform === 'pc') return platform;
  return platform === 'notInDingTalk' ? 'notInDingTalk' : 'other';
}

export function isInDingTalk(): boolean {
  return getPlatform() !== 'notInDingTalk';
}

/** Raised when DingTalk refuses a call; `code` is DingTalk's own error code when it gave one. */
export class DingTalkError extends Error {
  constructor(
    readonly api: string,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'DingTalkError';
  }
}

function toDingTalkError(api: string, cause: unknown): DingTalkError {
  const raw = (cause ?? {}) as { errorCode?: unknown; errorMessage?: unknown; message?: unknown };
  const code = raw.errorCode == null ? null : String(raw.errorCode);
  const message = String(raw.errorMessage ?? raw.message ?? 'DingTalk call failed');
  return new DingTalkError(api, code, message);
}

/**
 * Ask DingTalk for a one-time login code (valid 5 minutes, single use). `clientId` is the app's
 * client id, which newer clients expect for H5 micro-apps; older ones read only `corpId`.
 */
export async function requestAuthCode({ corpId, clientId }: { corpId: string; clientId: string }): Promise<string> {
  if (!isInDingTalk()) throw new DingTalkError('requestAuthCode', null, 'Not running inside DingTalk');
  const params = { corpId, clientId };
  try {
    const { code } = await jsapi!.requestAuthCodeApi(params);
    return code;
  } catch (cause) {
    throw toDingTalkError('requestAuthCode', cause);
  }
}

/** Set the title in DingTalk's own top bar; outside DingTalk the page draws its own header. */
export async function setTitle(title: string): Promise<void> {
  if (!isInDingTalk()) return;
  try {
    await jsapi!.setTitleApi({ title });
  } catch {
    // a missing title is cosmetic; never break the page over it
  }
}

/**
 * Copies text: DingTalk's own clipboard on a phone (its web view may refuse the web API), the
 * browser's elsewhere (DingTalk's desktop client included). Rejects when neither can.
 */
export async function copyText(text: string): Promise<void> {
  const platform = getPlatform();
  if (platform === 'ios' || platform === 'android' || platform === 'harmony') {
    try {
      await jsapi!.setClipboardApi({ text });
      return;
    } catch (cause) {
      throw toDingTalkError('biz.clipboardData.setData', cause);
    }
  }
  if (!navigator.clipboard) throw new DingTalkError('clipboard', null, 'No clipboard here');
  await navigator.clipboard.writeText(text);
}

/**
 * Opens a link DingTalk owns (an approval in its approval app) in DingTalk's own view; outside
 * DingTalk in a new browser tab. The API file loads on first use.
 */
export async function openLink(url: string): Promise<void> {
  if (!isInDingTalk()) {
    window.open(url, '_blank', 'noopener');
    return;
  }
  try {
    const openLink$ = await jsapi!.loadOpenLink();
    await openLink$({ url });
  } catch (cause) {
    throw toDingTalkError('biz.util.openLink', cause);
  }
}
