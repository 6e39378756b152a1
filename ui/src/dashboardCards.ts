// The cards of the Resumen page. A module adds its own (e.g. "Mis intervenciones abiertas")
// with registerDashboardCard; cards are shown in `order`, each only to users it applies to.
import { defineAsyncComponent, markRaw, type Component } from 'vue';
import type { Permission } from './stores/session';
import { useVentanillaStore } from './stores/ventanilla';
import { useSessionStore } from './stores/session';
import { cpiWorkspace } from './composables/useCpi';

export interface DashboardCard {
  id: string;
  component: Component;
  props?: Record<string, unknown>;
  order: number;
  permission?: Permission;
  /** Columns out of 2 on wide screens. */
  span?: 1 | 2;
  /** Shown only when this says so (e.g. to signers, to members of a unit); read reactively. */
  when?: () => boolean;
}

const cards: DashboardCard[] = [];

export function registerDashboardCard(card: DashboardCard): void {
  if (cards.some((c) => c.id === card.id)) return;
  cards.push({ ...card, component: markRaw(card.component) });
  cards.sort((a, b) => a.order - b.order);
}

export function dashboardCards(): readonly DashboardCard[] {
  return cards;
}

const PersonsCard = defineAsyncComponent(() => import('./components/dashboard/DashboardPersonsCard.vue'));

registerDashboardCard({ id: 'favorite-persons', component: PersonsCard, props: { kind: 'favorites' }, order: 10 });
registerDashboardCard({ id: 'recent-persons', component: PersonsCard, props: { kind: 'recent' }, order: 20 });
registerDashboardCard({
  id: 'pending-invitations',
  component: defineAsyncComponent(() => import('./components/dashboard/DashboardInvitationsCard.vue')),
  order: 90,
  permission: 'users.manage',
});

registerDashboardCard({
  id: 'ventanilla-signatures',
  component: defineAsyncComponent(() => import('./components/dashboard/DashboardSignatureCard.vue')),
  order: 5,
  when: () => useVentanillaStore().isSigner,
});
registerDashboardCard({
  id: 'ventanilla-inbox',
  component: defineAsyncComponent(() => import('./components/dashboard/DashboardInboxCard.vue')),
  order: 6,
  when: () => {
    const store = useVentanillaStore();
    void store.loadUnits();
    return (store.myUnits?.length ?? 0) > 0;
  },
});

registerDashboardCard({
  id: 'intervention-counts',
  component: defineAsyncComponent(() => import('./components/dashboard/DashboardCaseCountsCard.vue')),
  order: 1,
  span: 2,
});
registerDashboardCard({
  id: 'intervention-overdue',
  component: defineAsyncComponent(() => import('./components/dashboard/DashboardOverdueFollowUpsCard.vue')),
  order: 2,
});
registerDashboardCard({
  id: 'intervention-recent',
  component: defineAsyncComponent(() => import('./components/dashboard/DashboardRecentCasesCard.vue')),
  order: 3,
});

// "La mia scrivania" of a CPI operator, riquadro A: today's appointments.
registerDashboardCard({
  id: 'cpi-appointments',
  component: defineAsyncComponent(() => import('./components/dashboard/DashboardAppointmentsCard.vue')),
  order: 4,
  when: () => cpiWorkspace.value,
});
// Riquadro B: my bilanci in lavorazione and completi.
registerDashboardCard({
  id: 'cpi-skills-assessments',
  component: defineAsyncComponent(() => import('./components/skills-assessments/DashboardSkillsAssessmentsCard.vue')),
  order: 4,
  when: () => cpiWorkspace.value,
});

// "Mi menú": the active job offers, for those who manage them.
registerDashboardCard({
  id: 'job-offers-active',
  component: defineAsyncComponent(() => import('./components/job-offers/DashboardJobOffersCard.vue')),
  order: 30,
  when: () => (useSessionStore().user?.roles ?? []).some((r) => r === 'professional' || r === 'supervisor' || r === 'admin'),
});
