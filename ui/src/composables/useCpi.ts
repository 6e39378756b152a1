// The CPI workspace from the web app: priority lists, their workers and verifications, and the
// appointments (appuntamenti). Paths are the contract's (API.md "Skills assessments and
// appointments (CPI)"), through getJson/postJson like the referrals'.
import { ref, watch } from 'vue';
import { getJson, postForm, postJson } from '../api/client';
import { useSessionStore } from '../stores/session';

export type ConvocationState = 'not_convoked' | 'booked' | 'attended' | 'no_show';
export type VerificationOutcome = 'renounced' | 'excluded_employed' | 'eligible';
export type AppointmentStatus = 'booked' | 'attended' | 'no_show' | 'cancelled';
export const CONVOCATION_STATES: readonly ConvocationState[] = ['not_convoked', 'booked', 'attended', 'no_show'];
export const VERIFICATION_OUTCOMES: readonly VerificationOutcome[] = ['renounced', 'excluded_employed', 'eligible'];
export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['booked', 'attended', 'no_show', 'cancelled'];

export interface Page<T> {
  items: T[];
  total: number;
}
export interface PriorityList {
  id: string;
  name: string;
  fileName: string | null;
  workerCount: number;
  createdByName: string | null;
  createdAt: string;
}
export interface Verification {
  outcome: VerificationOutcome;
  note: string | null;
  at: string;
  byName: string | null;
}
export interface ListWorker {
  personId: string;
  line: number;
  codiceFiscale: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  province: string;
  benefit: string | null;
  convocation: ConvocationState;
  verification: Verification | null;
}
export interface Appointment {
  id: string;
  personId: string;
  personName: string;
  personCode: string;
  documentId: string | null;
  operatorId: string;
  operatorName: string | null;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  status: AppointmentStatus;
  cancelReason: string | null;
  reminderAt: string | null;
  remindedAt: string | null;
  outcomeRequestedAt: string | null;
}
export interface AppointmentDetail extends Appointment {
  history: Array<{ seq: number; at: string; by: string | null; action: string; note: string | null }>;
}
export interface WorkerFilter {
  convocation?: ConvocationState;
  verification?: VerificationOutcome | 'none';
  q?: string;
}

const list = (id: string) => `/api/priority-lists/${encodeURIComponent(id)}`;
const appointment = (id: string) => `/api/appointments/${encodeURIComponent(id)}`;

export const fetchPriorityLists = () => getJson<Page<PriorityList>>('/api/priority-lists', { pageSize: 200 });
export const fetchPriorityList = (id: string) => getJson<PriorityList>(list(id));
export const fetchListWorkers = (id: string, f: WorkerFilter & { page: number; pageSize: number }) => getJson<Page<ListWorker>>(`${list(id)}/workers`, { ...f });
export const fetchVerifications = (id: string, personId: string) =>
  getJson<{ items: Array<Verification & { id: string }> }>(`${list(id)}/workers/${encodeURIComponent(personId)}/verifications`);
export const recordVerification = (id: string, personId: string, body: { outcome: VerificationOutcome; note?: string }) =>
  postJson(`${list(id)}/workers/${encodeURIComponent(personId)}/verification`, body);
export function importPriorityList(name: string, file: File) {
  const form = new FormData();
  form.set('name', name);
  form.set('file', file);
  return postForm<{ id: string; imported: number; newPersons: number }>('/api/priority-lists', form);
}
/** "Estrai su file excel" with the list's current filters. */
export function exportUrl(id: string, f: WorkerFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) params.set(k, v);
  return `${list(id)}/export.xlsx${params.size ? `?${params}` : ''}`;
}

export const fetchAppointments = (q: { date?: string; operatorId?: string; status?: AppointmentStatus; personId?: string; page?: number; pageSize?: number }) =>
  getJson<Page<Appointment>>('/api/appointments', { ...q });
export const fetchAppointment = (id: string) => getJson<AppointmentDetail>(appointment(id));
export const bookAppointment = (body: { personId: string; startsAt: string; durationMinutes?: number; operatorId?: string }) => postJson<{ id: string }>('/api/appointments', body);
export const cancelAppointment = (id: string, reason: string) => postJson(`${appointment(id)}/cancel`, { reason });
export const rescheduleAppointment = (id: string, startsAt: string, durationMinutes?: number) => postJson(`${appointment(id)}/reschedule`, { startsAt, durationMinutes });
export const recordOutcome = (id: string, outcome: 'attended' | 'no_show') => postJson(`${appointment(id)}/outcome`, { outcome });

/** Colleagues an appointment can be booked for. */
export const fetchColleagues = () => getJson<{ items: Array<{ id: string; name: string; roles: string[]; status: string }> }>('/api/users', { status: 'active' });

const kinds = new Map<string, string>();
/** The last answer of useIsCpi, for what cannot call a composable (the dashboard's card rules). */
export const cpiWorkspace = ref(false);
/** Whether the signed-in user works in a CPI (the navigation shows the CPI workspace then). */
export function useIsCpi() {
  const session = useSessionStore();
  const isCpi = ref(false);
  watch(
    () => session.user?.organisationId,
    async (orgId) => {
      if (!orgId) return void (isCpi.value = false);
      if (!kinds.has(orgId)) {
        const org = await getJson<{ kind: string }>('/api/organisation').catch(() => null);
        if (org) kinds.set(orgId, org.kind);
      }
      isCpi.value = kinds.get(orgId) === 'cpi';
      cpiWorkspace.value = isCpi.value;
    },
    { immediate: true },
  );
  return isCpi;
}
