// The cards of the Resumen page. A module adds its own (e.g. "Mis intervenciones abiertas")
// with registerDashboardCard; cards are shown in `order`, each only to users it applies to.
import { defineAsyncComponent, markRaw, type Component } from 'vue';
import type { Permission } from './stores/session';

export interface DashboardCard {
  id: string;
  component: Component;
  props?: Record<string, unknown>;
  order: number;
  permission?: Permission;
  /** Columns out of 2 on wide screens. */
  span?: 1 | 2;
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

const PersonsCard = defineAsyncComponent(() => import('./components/DashboardPersonsCard.vue'));

registerDashboardCard({ id: 'favorite-persons', component: PersonsCard, props: { kind: 'favorites' }, order: 10 });
registerDashboardCard({ id: 'recent-persons', component: PersonsCard, props: { kind: 'recent' }, order: 20 });
registerDashboardCard({
  id: 'pending-invitations',
  component: defineAsyncComponent(() => import('./components/DashboardInvitationsCard.vue')),
  order: 90,
  permission: 'users.manage',
});
