/**
 * The micro-app's alert pages, as both the micro-app's route table and the links DingOps puts into
 * DingTalk (cards, messages, work notifications, DINGs) build them: one definition, so a link sent
 * into a chat always names a page that exists.
 */
export const alertPaths = {
  list: '/alerts',
  group: (groupId: string | bigint) => `/alerts/groups/${encodeURIComponent(String(groupId))}`,
} as const;

/** An absolute link into the micro-app at `publicUrl` (which may end with a slash). */
export const appUrl = (publicUrl: string, path: string) => `${publicUrl.replace(/\/+$/, '')}${path}`;
