// The only module that touches dingtalk-jsapi, loaded by dingtalk.ts when the page may run
// inside DingTalk. The union entry registers the PC, iOS, Android and Harmony bridges; without it
// every per-API call rejects with 4040.
import 'dingtalk-jsapi/entry/union';
// Named exports on purpose: the bundler imports these CommonJS files in Node mode, where the
// default import is the whole exports object rather than the API function.
import { setData$ as setClipboardApi } from 'dingtalk-jsapi/api/biz/clipboardData/setData';
import { setTitle$ as setTitleApi } from 'dingtalk-jsapi/api/biz/navigation/setTitle';
import { requestAuthCode$ as requestAuthCodeApi } from 'dingtalk-jsapi/api/runtime/permission/requestAuthCode';
import { getENV } from 'dingtalk-jsapi/lib/env';

export { getENV, requestAuthCodeApi, setClipboardApi, setTitleApi };

/** Loads on first use (an approval link), not with the rest of the bridge. */
export const loadOpenLink = async () => (await import('dingtalk-jsapi/api/biz/util/openLink')).openLink$;
