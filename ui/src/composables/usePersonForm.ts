// Turning the person form into API payloads, and its own checks before sending.
import { reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Person } from '../api/types';
import type { PersonFormModel } from '../components/persons/PersonFormFields.vue';
import type { NewPerson } from './usePersons';
import type { PersonChanges } from './usePerson';

export function emptyPersonForm(): PersonFormModel {
  return { anonymous: false, firstName: '', lastName: '', documentId: '', birthDate: null, email: '', moreEmails: [], phone: '', address: '', notes: '' };
}

export function personFormFrom(p: Person): PersonFormModel {
  return {
    anonymous: p.anonymous,
    firstName: p.firstName ?? '',
    lastName: p.lastName ?? '',
    documentId: p.documentId ?? '',
    birthDate: p.birthDate,
    email: p.email ?? '',
    moreEmails: [],
    phone: p.phone ?? '',
    address: p.address ?? '',
    notes: p.notes ?? '',
  };
}

const text = (value: string) => value.trim() || undefined;

export function newPersonPayload(m: PersonFormModel): NewPerson {
  return {
    anonymous: m.anonymous,
    firstName: m.anonymous ? undefined : text(m.firstName),
    lastName: m.anonymous ? undefined : text(m.lastName),
    documentId: text(m.documentId),
    birthDate: m.birthDate ?? undefined,
    // Several addresses go as the list (the first is the primary); one stays the plain field.
    ...(m.moreEmails.some((e) => e.trim())
      ? { emails: [m.email, ...m.moreEmails].filter((e) => e.trim()).map((address, i) => ({ address: address.trim(), isPrimary: i === 0 })) }
      : { email: text(m.email) }),
    phone: text(m.phone),
    address: text(m.address),
  };
}

/**
 * A PATCH with only the identity fields that changed, so the activity log names exactly those;
 * cleared fields are sent as null so the server clears them.
 */
export function personChangesPayload(m: PersonFormModel, before: Person): PersonChanges {
  const orNull = (value: string) => value.trim() || null;
  const next = {
    firstName: orNull(m.firstName),
    lastName: orNull(m.lastName),
    documentId: orNull(m.documentId),
    birthDate: m.birthDate,
    address: orNull(m.address),
    notes: orNull(m.notes),
  };
  const changes: PersonChanges = {};
  for (const key of Object.keys(next) as Array<keyof typeof next>) {
    if (next[key] !== (before[key] ?? null)) changes[key] = next[key];
  }
  if (m.anonymous !== before.anonymous) changes.anonymous = m.anonymous;
  return changes;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks worth doing before a round trip; the server checks everything again. */
export function usePersonFormChecks() {
  const { t } = useI18n();
  const errors = reactive<Record<string, string | undefined>>({});

  function reset(): void {
    for (const key of Object.keys(errors)) delete errors[key];
  }

  function check(m: PersonFormModel, mode: 'create' | 'edit'): boolean {
    reset();
    if (!m.anonymous) {
      if (!m.firstName.trim()) errors.firstName = t('validation.nameOrAnonymous');
      if (!m.lastName.trim()) errors.lastName = t('validation.nameOrAnonymous');
    }
    if (mode === 'create' && m.email.trim() && !EMAIL.test(m.email.trim())) errors.email = t('validation.email');
    return Object.keys(errors).length === 0;
  }

  return { errors, check, reset };
}
