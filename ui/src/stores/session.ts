import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import { api, call, isApiError } from '../api/client';
import type { CurrentUser, SystemInfo } from '../api/types';
import { adoptAnonymousLocale, adoptUserLocale, isLocale } from '../i18n';
import { useNotificationsStore } from './notifications';

/** Permission codes as the API names them (domain/permissions.ts). */
export type Permission =
  | 'persons.delete'
  | 'persons.update'
  | 'interventions.reopen'
  | 'interventions.bulk'
  | 'interventions.assign_others'
  | 'interventions.assign_team'
  | 'catalogue.manage'
  | 'users.manage'
  | 'permissions.manage'
  | 'organisation.manage'
  | 'mail.view'
  | 'workflows.inspect';

/** Roles as the API names them; a user may hold several. */
export const ROLES = ['admin', 'supervisor', 'professional', 'signer', 'service_centre'] as const;
export type RoleName = (typeof ROLES)[number];

export const useSessionStore = defineStore('session', () => {
  const user = ref<CurrentUser | null>(null);
  const system = ref<SystemInfo | null>(null);
  /** Whether "who am I" has been asked once since the page loaded. */
  const checked = ref(false);
  let pending: Promise<void> | null = null;

  const signedIn = computed(() => user.value !== null);
  const permissions = computed(() => new Set(user.value?.permissions ?? []));

  function can(permission: Permission): boolean {
    return permissions.value.has(permission);
  }

  function signedInAs(u: CurrentUser): void {
    user.value = u;
    checked.value = true;
    adoptUserLocale(u.localeChosen ? u.locale : null, u.organisationLocale);
  }

  /** Asks the server once who is signed in (the session cookie is HttpOnly). */
  function ensureChecked(): Promise<void> {
    if (checked.value) return Promise.resolve();
    pending ??= call(api.auth.me.$get(), { expectUnauthorized: true })
      .then(({ user: u }) => signedInAs(u))
      .catch((err: unknown) => {
        if (!isApiError(err, 401)) throw err;
        user.value = null;
        checked.value = true;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  /** Re-reads the user, e.g. after permission rules or roles changed. */
  async function refresh(): Promise<void> {
    const { user: u } = await call(api.auth.me.$get());
    user.value = u;
  }

  /**
   * The language chosen while signed in is the user's saved preference (profile): it follows
   * them to any computer and decides their emails and PDFs too.
   */
  async function changeLocale(locale: string): Promise<void> {
    if (!isLocale(locale) || !user.value) return;
    const profile = await call(api.profile.$patch({ json: { locale } }));
    user.value = { ...user.value, locale: profile.locale, localeChosen: true };
    adoptUserLocale(profile.locale, user.value.organisationLocale);
  }

  /** The profile page saved a new language (or anything else the session shows). */
  function profileChanged(change: { locale?: string; name?: string }): void {
    if (!user.value) return;
    user.value = { ...user.value, ...change, ...(change.locale ? { localeChosen: true } : {}) };
    adoptUserLocale(user.value.localeChosen ? user.value.locale : null, user.value.organisationLocale);
  }

  async function login(email: string, password: string): Promise<void> {
    const { user: u } = await call(api.auth.login.$post({ json: { email, password } }), { expectUnauthorized: true });
    system.value = null;
    signedInAs(u);
  }

  async function logout(): Promise<void> {
    try {
      await call(api.auth.logout.$post(), { expectUnauthorized: true });
    } finally {
      forget();
    }
  }

  /** Drops what this tab knew about the user (after logout or an expired session). */
  function forget(): void {
    useNotificationsStore().reset();
    user.value = null;
    system.value = null;
    checked.value = true;
    adoptAnonymousLocale();
  }

  async function loadSystem(): Promise<SystemInfo> {
    system.value ??= await call(api.system.$get());
    return system.value;
  }

  return { user, system, checked, signedIn, permissions, can, ensureChecked, refresh, changeLocale, profileChanged, login, logout, forget, loadSystem };
});
