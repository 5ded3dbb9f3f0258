import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { paths } from '../config/paths';
import { setUnauthorizedHandler } from '../lib/api-client';
import { loadPageMessages } from '../lib/i18n';
import { LoginRoute } from './routes/login';
import { RouteLoading } from './routes/route-loading';

/** A lazy page's code, loaded beside the texts of every page after login. */
function withPageMessages<T>(load: () => Promise<T>): () => Promise<T> {
  return async () => (await Promise.all([load(), loadPageMessages()]))[0];
}

// The error page's illustration loads only when a page has failed.
const LazyRouteError = lazy(async () => ({ default: (await import('./routes/route-error')).RouteError }));
const RouteError = () => (
  <Suspense fallback={null}>
    <LazyRouteError />
  </Suspense>
);

// Only the login page is in the first download (a phone opening the app lands there first, or
// its session is stored and the home page loads next); every other page, the session guard
// included, loads on first use.
export const router = createBrowserRouter([
  { path: paths.login.path, element: <LoginRoute />, errorElement: <RouteError /> },
  {
    lazy: withPageMessages(async () => ({ Component: (await import('./routes/require-session')).RequireSession })),
    errorElement: <RouteError />,
    // Shown while a lazy page's code loads on the very first navigation.
    hydrateFallbackElement: <RouteLoading />,
    children: [
      { index: true, lazy: withPageMessages(async () => ({ Component: (await import('./routes/home')).HomeRoute })) },
      {
        path: paths.adminUsers.path,
        // Admin pages are for a few people: keep them out of everyone's first download.
        lazy: withPageMessages(async () => ({ Component: (await import('./routes/admin-users')).AdminUsersRoute })),
      },
      { path: paths.adminRegistrations.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/admin-registrations')).AdminRegistrationsRoute })) },
      // Ticket pages load on first use, so opening the app costs no more than home.
      { path: paths.reportFault.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/report-fault')).ReportFaultRoute })) },
      { path: paths.myTickets.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/tickets-mine')).MyTicketsRoute })) },
      { path: paths.ticketQueue.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/tickets-queue')).TicketQueueRoute })) },
      { path: paths.ticket.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/tickets-detail')).TicketDetailRoute })) },
      // Knowledge and service settings: on first use only.
      { path: paths.knowledge.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/knowledge-list')).KnowledgeListRoute })) },
      { path: paths.knowledgeNew.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/knowledge-edit')).KnowledgeEditRoute })) },
      { path: paths.knowledgeArticle.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/knowledge-article')).KnowledgeArticleRoute })) },
      { path: paths.knowledgeEdit.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/knowledge-edit')).KnowledgeEditRoute })) },
      { path: paths.settings.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/settings-index')).SettingsIndexRoute })) },
      { path: paths.settingsCategories.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/settings-categories')).SettingsCategoriesRoute })) },
      { path: paths.settingsSla.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/settings-sla')).SettingsSlaRoute })) },
      // The audit log (auditors, IT admins): on first use.
      { path: paths.audit.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/audit-log')).AuditLogRoute })) },
      // On-call calendar and escalation policies (IT only): on first use.
      { path: paths.oncall.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/oncall-calendar')).OncallCalendarRoute })) },
      { path: paths.oncallPolicies.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/oncall-policies')).OncallPoliciesRoute })) },
      // Alert groups, silences and rules (IT only): on first use.
      { path: paths.alerts.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-list')).AlertsListRoute })) },
      { path: paths.alertGroup.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-group')).AlertGroupRoute })) },
      { path: paths.alertSilences.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-silences')).AlertSilencesRoute })) },
      { path: paths.alertRules.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-rules')).AlertRulesRoute })) },
      { path: paths.alertMaintenance.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-maintenance')).AlertMaintenanceRoute })) },
      { path: paths.alertTiming.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-timing')).AlertTimingRoute })) },
      { path: paths.alertRobots.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-robots')).AlertRobotsRoute })) },
      { path: paths.alertSources.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-sources')).AlertSourcesRoute })) },
      { path: paths.alertProbes.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-probes')).AlertProbesRoute })) },
      { path: paths.alertProbe.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-probe')).AlertProbeRoute })) },
      // Access governance (权限治理): on first use only.
      { path: paths.myAccess.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/access-mine')).MyAccessRoute })) },
      { path: paths.accessRequestNew.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/access-request')).AccessRequestRoute })) },
      { path: paths.accessRequest.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/access-request-detail')).AccessRequestDetailRoute })) },
      { path: paths.accessCatalog.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/access-catalog')).AccessCatalogRoute })) },
      { path: paths.accessTasks.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/access-tasks')).AccessTasksRoute })) },
      { path: paths.accessReviews.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/access-reviews')).AccessReviewsRoute })) },
      { path: paths.accessReview.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/access-review')).AccessReviewRoute })) },
      { path: paths.accessReviewReport.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/access-review-report')).AccessReviewReportRoute })) },
      { path: paths.accessHistory.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/access-history')).AccessHistoryRoute })) },
      { path: paths.accessPerson.path, lazy: withPageMessages(async () => ({ Component: (await import('./routes/access-person')).AccessPersonRoute })) },
    ],
  },
  // Before the session guard: the old link form redirects first, then the new page asks for a login if needed.
  {
    path: paths.legacyAlertGroup.path,
    lazy: withPageMessages(async () => ({ Component: (await import('./routes/alerts-legacy-link')).LegacyAlertLinkRoute })),
    errorElement: <RouteError />,
    hydrateFallbackElement: <RouteLoading />,
  },
  { path: '*', lazy: withPageMessages(async () => ({ Component: (await import('./routes/not-found')).NotFoundRoute })), hydrateFallbackElement: <RouteLoading /> },
]);

// A 401 (or a token that expired on the way) sends the user to log in, then back here.
setUnauthorizedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === paths.login.path) return;
  void router.navigate(paths.login.getHref({ next: `${pathname}${search}` }), { replace: true });
});
