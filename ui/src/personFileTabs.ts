// The tabs of a person file. A module adds its own tab (e.g. "Intervenciones") with
// registerPersonFileTab; each tab component receives the person and a `save` for PATCHes.
import { defineAsyncComponent, markRaw, type Component } from 'vue';
import type { Person } from './api/types';
import type { PersonChanges } from './composables/usePerson';
import type { Permission } from './stores/session';

export interface PersonFileTabProps {
  person: Person;
  save: (changes: PersonChanges) => Promise<Person>;
}

export interface PersonFileTab {
  /** Path segment in /personas/:id/:tab (Spanish, stable: it ends up in bookmarks). */
  name: string;
  /** i18n key of the tab's label. */
  label: string;
  component: Component;
  /** Lower comes first. */
  order: number;
  permission?: Permission;
}

const tabs: PersonFileTab[] = [];

export function registerPersonFileTab(tab: PersonFileTab): void {
  if (tabs.some((t) => t.name === tab.name)) return;
  tabs.push({ ...tab, component: markRaw(tab.component) });
  tabs.sort((a, b) => a.order - b.order);
}

export function personFileTabs(): readonly PersonFileTab[] {
  return tabs;
}

registerPersonFileTab({
  name: 'datos',
  label: 'person.tabs.data',
  order: 10,
  component: defineAsyncComponent(() => import('./components/persons/PersonDataTab.vue')),
});
registerPersonFileTab({
  name: 'contactos',
  label: 'person.tabs.contacts',
  order: 20,
  component: defineAsyncComponent(() => import('./components/persons/PersonContactsTab.vue')),
});
registerPersonFileTab({
  name: 'intervenciones',
  label: 'interventions.personTab.tab',
  order: 30,
  component: defineAsyncComponent(() => import('./components/persons/PersonInterventionsTab.vue')),
});
registerPersonFileTab({
  name: 'actividad',
  label: 'person.tabs.activity',
  order: 90,
  component: defineAsyncComponent(() => import('./components/persons/PersonActivityTab.vue')),
});
registerPersonFileTab({
  name: 'mensajes',
  label: 'messages.tab',
  order: 40,
  component: defineAsyncComponent(() => import('./components/messages/PersonMessagesTab.vue')),
});
registerPersonFileTab({
  name: 'derivaciones',
  label: 'referrals.personTab.tab',
  order: 35,
  component: defineAsyncComponent(() => import('./components/referrals/PersonReferralsTab.vue')),
});
registerPersonFileTab({
  name: 'formacion-empleo',
  label: 'cv.tab',
  order: 25,
  component: defineAsyncComponent(() => import('./components/employment/PersonCvTab.vue')),
});
