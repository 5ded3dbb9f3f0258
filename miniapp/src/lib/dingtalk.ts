// The only module that touches dingtalk-jsapi. The union entry registers the PC, iOS, Android
// and Harmony bridges; without it every per-API call rejects with 4040.
import 'dingtalk-jsapi/entry/union';
// Named exports on purpose: the bundler imports these CommonJS files in Node mode, where the
// default import is the whole exports object rather than the API function.
import { setData$ as setClipboardApi } from 'dingtalk-jsapi/api/biz/clipboardData/setData';
import { setTitle$ as setTitleApi } from 'dingtalk-jsapi/api/biz/navigation/setTitle';
import { requestAuthCode$ as requestAuthCodeApi } from 'dingtalk-jsapi/api/runtime/permission/requestAuthCode';
import { getENV } from 'dingtalk-jsapi/lib/env';

export type DingTalkPlatform = 'ios' | 'android' | 'harmony' | 'pc' | 'other' | 'notInDingTalk';

/** Which DingTalk container the page runs in (`notInDingTalk` in a plain browser). */
export function getPlatform(): DingTalkPlatform {
  const platform = String(getENV().platform);
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
    const { code } = await requestAuthCodeApi(params);
    return code;
  } catch (cause) {
    throw toDingTalkError('requestAuthCode', cause);
  }
}

/** Set the title in DingTalk's own top bar; outside DingTalk the page draws its own header. */
export async function setTitle(title: string): Promise<void> {
  if (!isInDingTalk()) return;
  try {
    await setTitleApi({ title });
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
      await setClipboardApi({ text });
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
 * DingTalk in a new browser tab. The API file loads on first use, keeping it out of the entry.
 */
export async function openLink(url: string): Promise<void> {
  if (!isInDingTalk()) {
    window.open(url, '_blank', 'noopener');
    return;
  }
  try {
    const { openLink$ } = await import('dingtalk-jsapi/api/biz/util/openLink');
    await openLink$({ url });
  } catch (cause) {
    throw toDingTalkError('biz.util.openLink', cause);
  }
}
