import { createBrowserRouter } from 'react-router';
import { paths } from '../config/paths';
import { setUnauthorizedHandler } from '../lib/api-client';
import { LegacyAlertLinkRoute } from './routes/alerts-legacy-link';
import { HomeRoute } from './routes/home';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { RequireSession } from './routes/require-session';
import { RouteError } from './routes/route-error';
import { RouteLoading } from './routes/route-loading';

export const router = createBrowserRouter([
  { path: paths.login.path, element: <LoginRoute />, errorElement: <RouteError /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    // Shown while a lazy page's code loads on the very first navigation.
    hydrateFallbackElement: <RouteLoading />,
    children: [
      { index: true, element: <HomeRoute /> },
      {
        path: paths.adminUsers.path,
        // Admin pages are for a few people: keep them out of everyone's first download.
        lazy: async () => ({ Component: (await import('./routes/admin-users')).AdminUsersRoute }),
      },
      { path: paths.adminRegistrations.path, lazy: async () => ({ Component: (await import('./routes/admin-registrations')).AdminRegistrationsRoute }) },
      // Ticket pages load on first use, so opening the app costs no more than home.
      { path: paths.reportFault.path, lazy: async () => ({ Component: (await import('./routes/report-fault')).ReportFaultRoute }) },
      { path: paths.myTickets.path, lazy: async () => ({ Component: (await import('./routes/tickets-mine')).MyTicketsRoute }) },
      { path: paths.ticketQueue.path, lazy: async () => ({ Component: (await import('./routes/tickets-queue')).TicketQueueRoute }) },
      { path: paths.ticket.path, lazy: async () => ({ Component: (await import('./routes/tickets-detail')).TicketDetailRoute }) },
      // Knowledge and service settings: on first use only.
      { path: paths.knowledge.path, lazy: async () => ({ Component: (await import('./routes/knowledge-list')).KnowledgeListRoute }) },
      { path: paths.knowledgeNew.path, lazy: async () => ({ Component: (await import('./routes/knowledge-edit')).KnowledgeEditRoute }) },
      { path: paths.knowledgeArticle.path, lazy: async () => ({ Component: (await import('./routes/knowledge-article')).KnowledgeArticleRoute }) },
      { path: paths.knowledgeEdit.path, lazy: async () => ({ Component: (await import('./routes/knowledge-edit')).KnowledgeEditRoute }) },
      { path: paths.settings.path, lazy: async () => ({ Component: (await import('./routes/settings-index')).SettingsIndexRoute }) },
      { path: paths.settingsCategories.path, lazy: async () => ({ Component: (await import('./routes/settings-categories')).SettingsCategoriesRoute }) },
      { path: paths.settingsSla.path, lazy: async () => ({ Component: (await import('./routes/settings-sla')).SettingsSlaRoute }) },
      // The audit log (auditors, IT admins): on first use.
      { path: paths.audit.path, lazy: async () => ({ Component: (await import('./routes/audit-log')).AuditLogRoute }) },
      // On-call calendar and escalation policies (IT only): on first use.
      { path: paths.oncall.path, lazy: async () => ({ Component: (await import('./routes/oncall-calendar')).OncallCalendarRoute }) },
      { path: paths.oncallPolicies.path, lazy: async () => ({ Component: (await import('./routes/oncall-policies')).OncallPoliciesRoute }) },
      // Alert groups, silences and rules (IT only): on first use.
      { path: paths.alerts.path, lazy: async () => ({ Component: (await import('./routes/alerts-list')).AlertsListRoute }) },
      { path: paths.alertGroup.path, lazy: async () => ({ Component: (await import('./routes/alerts-group')).AlertGroupRoute }) },
      { path: paths.alertSilences.path, lazy: async () => ({ Component: (await import('./routes/alerts-silences')).AlertSilencesRoute }) },
      { path: paths.alertRules.path, lazy: async () => ({ Component: (await import('./routes/alerts-rules')).AlertRulesRoute }) },
      { path: paths.alertMaintenance.path, lazy: async () => ({ Component: (await import('./routes/alerts-maintenance')).AlertMaintenanceRoute }) },
      { path: paths.alertTiming.path, lazy: async () => ({ Component: (await import('./routes/alerts-timing')).AlertTimingRoute }) },
      { path: paths.alertRobots.path, lazy: async () => ({ Component: (await import('./routes/alerts-robots')).AlertRobotsRoute }) },
      { path: paths.alertSources.path, lazy: async () => ({ Component: (await import('./routes/alerts-sources')).AlertSourcesRoute }) },
      { path: paths.alertProbes.path, lazy: async () => ({ Component: (await import('./routes/alerts-probes')).AlertProbesRoute }) },
      { path: paths.alertProbe.path, lazy: async () => ({ Component: (await import('./routes/alerts-probe')).AlertProbeRoute }) },
      // Access governance (权限治理): on first use only.
      { path: paths.myAccess.path, lazy: async () => ({ Component: (await import('./routes/access-mine')).MyAccessRoute }) },
      { path: paths.accessRequestNew.path, lazy: async () => ({ Component: (await import('./routes/access-request')).AccessRequestRoute }) },
      { path: paths.accessRequest.path, lazy: async () => ({ Component: (await import('./routes/access-request-detail')).AccessRequestDetailRoute }) },
      { path: paths.accessCatalog.path, lazy: async () => ({ Component: (await import('./routes/access-catalog')).AccessCatalogRoute }) },
      { path: paths.accessTasks.path, lazy: async () => ({ Component: (await import('./routes/access-tasks')).AccessTasksRoute }) },
      { path: paths.accessReviews.path, lazy: async () => ({ Component: (await import('./routes/access-reviews')).AccessReviewsRoute }) },
      { path: paths.accessReview.path, lazy: async () => ({ Component: (await import('./routes/access-review')).AccessReviewRoute }) },
      { path: paths.accessReviewReport.path, lazy: async () => ({ Component: (await import('./routes/access-review-report')).AccessReviewReportRoute }) },
      { path: paths.accessHistory.path, lazy: async () => ({ Component: (await import('./routes/access-history')).AccessHistoryRoute }) },
      { path: paths.accessPerson.path, lazy: async () => ({ Component: (await import('./routes/access-person')).AccessPersonRoute }) },
    ],
  },
  // Before the session guard: the old link form redirects first, then the new page asks for a login if needed.
  { path: paths.legacyAlertGroup.path, element: <LegacyAlertLinkRoute />, errorElement: <RouteError /> },
  { path: '*', element: <NotFoundRoute /> },
]);

// A 401 (or a token that expired on the way) sends the user to log in, then back here.
setUnauthorizedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === paths.login.path) return;
  void router.navigate(paths.login.getHref({ next: `${pathname}${search}` }), { replace: true });
});
