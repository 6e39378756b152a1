import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { i18n } from './i18n';
import { useSessionStore, type Permission } from './stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (login, invitation link). */
    public?: boolean;
    /** Shown only to users holding this permission; others get a "no permission" notice. */
    permission?: Permission;
    /** i18n key of the page title. */
    title?: string;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true, title: 'login.title' } },
    {
      path: '/invitacion/:token',
      name: 'invitation',
      component: () => import('./pages/InvitationPage.vue'),
      meta: { public: true, title: 'invitation.title' },
    },
    {
      path: '/contrasena-olvidada',
      name: 'forgot-password',
      component: () => import('./pages/ForgotPasswordPage.vue'),
      meta: { public: true, title: 'passwordReset.requestTitle' },
    },
    {
      path: '/restablecer/:token',
      name: 'reset-password',
      component: () => import('./pages/ResetPasswordPage.vue'),
      meta: { public: true, title: 'passwordReset.resetTitle' },
    },
    {
      path: '/verificar/:code?',
      name: 'verify',
      component: () => import('./pages/VerificationPage.vue'),
      meta: { public: true, title: 'verification.title' },
    },
    {
      path: '/derivacion/:token',
      // The referral service's emails link to this one.
      alias: '/derivaciones/respuesta/:token',
      name: 'referral-answer',
      component: () => import('./pages/ReferralAnswerPage.vue'),
      meta: { public: true, title: 'referrals.answer.title' },
    },
    {
      // The link a company receives to read the interested candidates' CVs (no account).
      path: '/empresa/ofertas/:token',
      name: 'job-offer-share',
      component: () => import('./pages/JobOfferSharePage.vue'),
      meta: { public: true, title: 'jobOffers.share.title' },
    },
    {
      path: '/',
      component: () => import('./components/layout/AppLayout.vue'),
      children: [
        { path: '', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { title: 'dashboard.title' } },
        { path: 'personas', name: 'persons', component: () => import('./pages/PersonsPage.vue'), meta: { title: 'persons.title' } },
        {
          path: 'personas/:id/:tab?',
          name: 'person',
          component: () => import('./pages/PersonFilePage.vue'),
          meta: { title: 'persons.title' },
        },
        {
          path: 'personas/:id/valoracion',
          name: 'assessment',
          component: () => import('./pages/AssessmentPage.vue'),
          meta: { title: 'interventions.assessment.title' },
        },
        { path: 'intervenciones', name: 'interventions', component: () => import('./pages/InterventionsPage.vue'), meta: { title: 'interventions.list.title' } },
        { path: 'intervenciones/:id', name: 'intervention', component: () => import('./pages/InterventionPage.vue'), meta: { title: 'interventions.list.title' } },
        { path: 'ofertas', name: 'job-offers', component: () => import('./pages/JobOffersPage.vue'), meta: { title: 'jobOffers.title' } },
        { path: 'ofertas/:id', name: 'job-offer', component: () => import('./pages/JobOfferPage.vue'), meta: { title: 'jobOffers.title' } },
        { path: 'empleo/sepe', name: 'sepe-file', component: () => import('./pages/SepeFilePage.vue'), meta: { title: 'sepe.title' } },
        { path: 'derivaciones', name: 'referrals', component: () => import('./pages/ReferralsPage.vue'), meta: { title: 'referrals.list.title' } },
        { path: 'cpi/accreditamento', name: 'cpi-accreditation', component: () => import('./pages/CpiAccreditationPage.vue'), meta: { title: 'accreditation.title' } },
        { path: 'cpi/accreditamenti', name: 'cpi-accreditations', component: () => import('./pages/CpiAccreditationRequestsPage.vue'), meta: { title: 'accreditation.requests.title' } },
        { path: 'cpi/scrivania', name: 'cpi-desk', component: () => import('./pages/CpiDeskPage.vue'), meta: { title: 'cpi.desk.title' } },
        { path: 'liste-priorita', name: 'priority-lists', component: () => import('./pages/PriorityListsPage.vue'), meta: { title: 'cpi.lists.title' } },
        { path: 'liste-priorita/:id', name: 'priority-list', component: () => import('./pages/PriorityListPage.vue'), meta: { title: 'cpi.lists.title' } },
        { path: 'appuntamenti/:id?', name: 'appointments', component: () => import('./pages/AppointmentsPage.vue'), meta: { title: 'cpi.appointments.title' } },
        { path: 'bilanci', name: 'skills-assessments', component: () => import('./pages/SkillsAssessmentsPage.vue'), meta: { title: 'skillsAssessments.title' } },
        { path: 'bilanci/:id', name: 'skills-assessment', component: () => import('./pages/SkillsAssessmentPage.vue'), meta: { title: 'skillsAssessments.title' } },
        { path: 'calendario', name: 'calendar', component: () => import('./pages/CalendarPage.vue'), meta: { title: 'interventions.calendar.title' } },
        { path: 'ventanilla', name: 'ventanilla', component: () => import('./pages/VentanillaPage.vue'), meta: { title: 'ventanilla.title' } },
        { path: 'ventanilla/nueva', name: 'ventanilla-new', component: () => import('./pages/VentanillaComposePage.vue'), meta: { title: 'ventanilla.compose.title' } },
        { path: 'ventanilla/:id', name: 'ventanilla-detail', component: () => import('./pages/VentanillaDetailPage.vue'), meta: { title: 'ventanilla.title' } },
        { path: 'avisos', name: 'notifications', component: () => import('./pages/NotificationsPage.vue'), meta: { title: 'notifications.title' } },
        { path: 'perfil', name: 'profile', component: () => import('./pages/ProfilePage.vue'), meta: { title: 'profile.title' } },
        { path: 'firmas', name: 'signature-tray', component: () => import('./pages/SignatureTrayPage.vue'), meta: { title: 'signatureTray.title' } },
        {
          path: 'admin/unidades',
          name: 'admin-units',
          component: () => import('./pages/AdminUnitsPage.vue'),
          meta: { title: 'unitsAdmin.title', permission: 'organisation.manage' },
        },
        {
          path: 'admin/usuarios',
          name: 'admin-users',
          component: () => import('./pages/AdminUsersPage.vue'),
          meta: { title: 'users.title', permission: 'users.manage' },
        },
        {
          path: 'admin/permisos',
          name: 'admin-permissions',
          component: () => import('./pages/AdminPermissionsPage.vue'),
          meta: { title: 'permissionsPage.title', permission: 'permissions.manage' },
        },
        {
          path: 'admin/organizacion',
          name: 'admin-organisation',
          component: () => import('./pages/AdminOrganisationPage.vue'),
          meta: { title: 'organisationPage.title', permission: 'organisation.manage' },
        },
        {
          path: 'admin/necesidades',
          name: 'admin-needs',
          component: () => import('./pages/AdminNeedsPage.vue'),
          meta: { title: 'interventions.needsAdmin.title', permission: 'catalogue.manage' },
        },
        {
          path: 'admin/catalogo-formativo',
          name: 'admin-training-catalogue',
          component: () => import('./pages/AdminTrainingCataloguePage.vue'),
          meta: { title: 'trainingCatalogue.title', permission: 'catalogue.manage' },
        },
        {
          path: 'admin/carnets-profesionales',
          name: 'admin-professional-cards',
          component: () => import('./pages/AdminProfessionalCardsPage.vue'),
          meta: { title: 'professionalCards.title', permission: 'catalogue.manage' },
        },
        {
          path: 'admin/recursos',
          name: 'admin-resources',
          component: () => import('./pages/AdminResourcesPage.vue'),
          meta: { title: 'resources.title', permission: 'catalogue.manage' },
        },
        {
          path: 'admin/entidades-colaboradoras',
          name: 'admin-partners',
          component: () => import('./pages/AdminPartnersPage.vue'),
          meta: { title: 'interventions.partners.title', permission: 'organisation.manage' },
        },
        {
          path: 'admin/mensajeria',
          name: 'admin-messaging',
          component: () => import('./pages/AdminMessagingPage.vue'),
          meta: { title: 'messages.admin.title', permission: 'organisation.manage' },
        },
        {
          path: 'admin/correo',
          name: 'admin-outbox',
          component: () => import('./pages/AdminOutboxPage.vue'),
          meta: { title: 'outbox.title', permission: 'mail.view' },
        },
        { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: 'notFound.title' } },
      ],
    },
  ],
  scrollBehavior: (to, from, saved) => saved ?? (to.path === from.path ? undefined : { top: 0 }),
});

router.beforeEach(async (to) => {
  const session = useSessionStore();
  try {
    await session.ensureChecked();
  } catch {
    // The server is unreachable: public pages still open; the others will show the error.
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.signedIn) return safeRedirect(to.query.redirect) ?? { name: 'dashboard' };
    return true;
  }
  if (!session.signedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  return true;
});

router.afterEach((to) => updateTitle(to));

export function updateTitle(to: RouteLocationNormalized = router.currentRoute.value): void {
  const t = i18n.global.t;
  document.title = to.meta.title ? `${t(to.meta.title)} · ${t('app.name')}` : t('app.name');
}

/** Only paths inside this app may be redirect targets (no open redirects). */
export function safeRedirect(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null;
}
