import { alertPaths } from '@dingops/shared/alerts-paths';

/** The route table: every in-app URL is built here, never by string concatenation in pages. */
export const paths = {
  home: {
    path: '/',
    getHref: () => '/',
  },
  login: {
    path: '/login',
    /** `next` is where to return after login; `loginAs` is the sandbox console's chosen person. */
    getHref: ({ next, loginAs }: { next?: string; loginAs?: string } = {}) => {
      const query = new URLSearchParams();
      if (next && next !== '/') query.set('next', next);
      if (loginAs) query.set('loginAs', loginAs);
      const search = query.toString();
      return search ? `/login?${search}` : '/login';
    },
  },
  adminUsers: {
    path: '/admin/users',
    getHref: () => '/admin/users',
  },
  /** 账号审核: people waiting for IT to verify their registration (rule S1). */
  adminRegistrations: {
    path: '/admin/registrations',
    getHref: () => '/admin/registrations',
  },
  reportFault: {
    path: '/tickets/new',
    getHref: () => '/tickets/new',
  },
  myTickets: {
    path: '/tickets',
    getHref: () => '/tickets?view=mine',
  },
  ticketQueue: {
    path: '/tickets/queue',
    /** The tab (`view`), filters and, on wide screens, the `ticket` open beside the list. */
    getHref: (query: Record<string, string> = {}) => {
      const search = new URLSearchParams(query).toString();
      return search ? `/tickets/queue?${search}` : '/tickets/queue';
    },
  },
  ticket: {
    path: '/tickets/:ticketId',
    getHref: (ticketId: string) => `/tickets/${encodeURIComponent(ticketId)}`,
  },
  knowledge: {
    path: '/knowledge',
    getHref: () => '/knowledge',
  },
  knowledgeNew: {
    path: '/knowledge/new',
    getHref: () => '/knowledge/new',
  },
  knowledgeArticle: {
    path: '/knowledge/:articleId',
    getHref: (articleId: string) => `/knowledge/${encodeURIComponent(articleId)}`,
  },
  knowledgeEdit: {
    path: '/knowledge/:articleId/edit',
    getHref: (articleId: string) => `/knowledge/${encodeURIComponent(articleId)}/edit`,
  },
  settings: {
    path: '/settings',
    getHref: () => '/settings',
  },
  settingsCategories: {
    path: '/settings/categories',
    getHref: () => '/settings/categories',
  },
  settingsSla: {
    path: '/settings/sla',
    getHref: () => '/settings/sla',
  },
  audit: {
    path: '/audit',
    getHref: () => '/audit',
  },
  oncall: {
    path: '/oncall',
    getHref: () => '/oncall',
  },
  oncallPolicies: {
    path: '/oncall/policies',
    getHref: () => '/oncall/policies',
  },
  alerts: {
    path: alertPaths.list,
    getHref: () => alertPaths.list,
  },
  alertGroup: {
    path: '/alerts/groups/:groupId',
    getHref: (groupId: string) => alertPaths.group(groupId),
  },
  /** Cards sent before links named /alerts/groups/<id> still point here: redirected to alertGroup. */
  legacyAlertGroup: {
    path: '/alerts/:groupId',
  },
  alertSilences: {
    path: '/alerts/silences',
    getHref: () => '/alerts/silences',
  },
  alertRules: {
    path: '/alerts/rules',
    getHref: () => '/alerts/rules',
  },
  alertMaintenance: {
    path: '/alerts/maintenance',
    getHref: () => '/alerts/maintenance',
  },
  alertTiming: {
    path: '/alerts/timing',
    getHref: () => '/alerts/timing',
  },
  alertRobots: {
    path: '/alerts/robots',
    getHref: () => '/alerts/robots',
  },
  alertSources: {
    path: '/alerts/sources',
    getHref: () => '/alerts/sources',
  },
  alertProbes: {
    path: '/alerts/probes',
    getHref: () => '/alerts/probes',
  },
  alertProbe: {
    path: '/alerts/probes/:probeId',
    getHref: (probeId: string) => `/alerts/probes/${encodeURIComponent(probeId)}`,
  },
  // Access governance (权限治理): one contiguous block.
  myAccess: {
    path: '/access',
    /** `tab`: grants (default), requests, approvals, reviews. */
    getHref: (tab?: string) => (tab ? `/access?tab=${encodeURIComponent(tab)}` : '/access'),
  },
  accessRequestNew: {
    path: '/access/request',
    /** `extend`: the grant a renewal continues (same role, same person). */
    getHref: (query: { roleId?: number; extend?: number; forUserId?: string } = {}) => {
      const search = new URLSearchParams();
      if (query.roleId) search.set('roleId', String(query.roleId));
      if (query.extend) search.set('extend', String(query.extend));
      if (query.forUserId) search.set('for', query.forUserId);
      const text = search.toString();
      return text ? `/access/request?${text}` : '/access/request';
    },
  },
  accessRequest: {
    path: '/access/requests/:requestId',
    getHref: (requestId: number) => `/access/requests/${requestId}`,
  },
  accessCatalog: {
    path: '/access/catalog',
    getHref: () => '/access/catalog',
  },
  accessTasks: {
    path: '/access/tasks',
    getHref: () => '/access/tasks',
  },
  accessReviews: {
    path: '/access/reviews',
    getHref: () => '/access/reviews',
  },
  accessReview: {
    path: '/access/reviews/:reviewId',
    getHref: (reviewId: number) => `/access/reviews/${reviewId}`,
  },
  accessReviewReport: {
    path: '/access/reviews/:reviewId/report',
    getHref: (reviewId: number) => `/access/reviews/${reviewId}/report`,
  },
  accessHistory: {
    path: '/access/history',
    getHref: () => '/access/history',
  },
  accessPerson: {
    path: '/access/people/:userId',
    getHref: (userId: string) => `/access/people/${encodeURIComponent(userId)}`,
  },
} as const;

/** Only same-app paths are accepted as a post-login target (no open redirects). */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith(paths.login.path)) {
    return paths.home.path;
  }
  return next;
}
