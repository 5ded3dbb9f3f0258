import { defineError } from '../../errors/domain-error';

/** The callback's signature does not verify with our token and key (or the payload is not ours). */
export const callbackRejected = defineError('dingtalk.callback_rejected', 'unauthenticated', (reason: string) => `The DingTalk callback was refused: ${reason}`);
/** The callback's timestamp is too far from now. */
export const callbackStale = defineError('dingtalk.callback_stale', 'invalid', () => 'The DingTalk callback timestamp is too old or in the future');
/** The callback reuses a nonce we already accepted, with other content. */
export const callbackReplayed = defineError('dingtalk.callback_replayed', 'conflict', () => 'The DingTalk callback reuses a nonce');
