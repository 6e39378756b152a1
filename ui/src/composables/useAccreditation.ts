// CPI operators' accreditation from the web app (API.md "Skills assessments and appointments
// (CPI)": POST /api/accreditations, /approve, /reject). `useAccreditationGate` is what the CPI
// pages use to show the banner (AccreditationBanner.vue) and the navigation to show the entries.
import { computed, ref } from 'vue';
import { api, call, getJson, postJson } from '../api/client';
import { useSessionStore } from '../stores/session';

export type AccreditationStatus = 'draft' | 'pending' | 'approved' | 'rejected';
export const ACCREDITATION_STATUSES: readonly AccreditationStatus[] = ['draft', 'pending', 'approved', 'rejected'];

export interface Accreditation {
  id: string;
  userId: string;
  userName: string;
  userEmail: string;
  cpiId: string;
  province: string | null;
  role: string | null;
  phone: string | null;
  note: string | null;
  status: AccreditationStatus;
  reason: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  reminders: number;
  nextReminderAt: string | null;
  createdAt: string;
  workflowId: string | null;
}

export interface MyAccreditation {
  cpi: boolean;
  required: boolean;
  accredited: boolean;
  canDecide: boolean;
  requestPath: string;
  latest: Accreditation | null;
}

export interface AccreditationRequestBody {
  cpiId: string;
  province?: string;
  role?: string;
  phone?: string;
  note?: string;
}

const one = (id: string) => `/api/accreditations/${encodeURIComponent(id)}`;

/** The tag colour of a request's status: approved green, rejected red, else waiting. */
export const accreditationTagType = (s: AccreditationStatus) => (s === 'approved' ? 'success' : s === 'rejected' ? 'error' : 'warning');

export const fetchMyAccreditation = () => getJson<MyAccreditation>('/api/accreditations/me');
export const fetchAccreditations = (query: { status?: AccreditationStatus; page?: number; pageSize?: number }) =>
  getJson<{ items: Accreditation[]; total: number }>('/api/accreditations', query);
export const requestAccreditation = (body: AccreditationRequestBody) => postJson<{ id: string; status: AccreditationStatus }>('/api/accreditations', body);
/** A request kept as a draft (not sent to the service centre). */
export const saveAccreditationDraft = (body: AccreditationRequestBody) => postJson<{ id: string; status: AccreditationStatus }>('/api/accreditations', { ...body, submit: false });
/** The requester's changes to their draft; an empty optional field is cleared. */
export const editAccreditation = (id: string, body: { cpiId: string } & { [K in Exclude<keyof AccreditationRequestBody, 'cpiId'>]: string | null }) =>
  call(api.accreditations[':id'].$patch({ param: { id }, json: body }));
export const submitAccreditation = (id: string) => postJson<{ id: string; status: AccreditationStatus }>(`${one(id)}/submit`, {});
export const approveAccreditation = (id: string) => postJson<{ id: string; status: AccreditationStatus }>(`${one(id)}/approve`, {});
export const rejectAccreditation = (id: string, reason: string) => postJson<{ id: string; status: AccreditationStatus }>(`${one(id)}/reject`, { reason });

// One answer shared by the navigation, the banner and the pages of this tab.
const mine = ref<MyAccreditation | null>(null);
/** Whose answer `mine` is: signing in as someone else asks again. */
const answeredFor = ref<string | null>(null);
let pending: Promise<void> | null = null;

/** Whether the signed-in user must be accredited, is, and their latest request. */
export function useAccreditationGate() {
  const session = useSessionStore();
  function refresh(): Promise<void> {
    const userId = session.user?.id ?? null;
    pending ??= fetchMyAccreditation()
      .then((m) => {
        mine.value = m;
        answeredFor.value = userId;
      })
      .catch(() => undefined)
      .finally(() => {
        pending = null;
      });
    return pending;
  }
  if (session.user && (!mine.value || answeredFor.value !== session.user.id)) void refresh();
  const current = computed(() => (answeredFor.value === session.user?.id ? mine.value : null));
  return {
    mine: current,
    refresh,
    /** A CPI operator who may not work in the CPI's pages yet. */
    blocked: computed(() => !!current.value && current.value.required && !current.value.accredited),
    showRequestPage: computed(() => !!current.value?.required),
    showRequestsPage: computed(() => !!current.value?.cpi && !current.value.required),
  };
}
