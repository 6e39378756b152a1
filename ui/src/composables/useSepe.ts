// The SEPE file from the web app (API.md "Employment"): the check before a download, the ENPI
// file itself (downloaded as bytes so a refusal shows as a message, not a broken file), the record
// of files generated, and whether the organisation is a placement agency (its SEPE agency code).
import { computed, reactive, watch } from 'vue';
import { api, call, getJson, type Success } from '../api/client';
import { useSessionStore } from '../stores/session';

const sepe = api.sepe;
export type SepeCheck = Success<Awaited<ReturnType<typeof sepe.check.$get>>>;
export type SepePersonProblems = SepeCheck['problems'][number];
export type SepeFileRecord = Success<Awaited<ReturnType<typeof sepe.files.$get>>>['items'][number];

export const fetchSepeCheck = (period: string) => call(sepe.check.$get({ query: { period, kind: 'enpi' } }));
export const fetchSepeFiles = () => call(sepe.files.$get({ query: { page: '1', pageSize: '50' } }));

/** Downloads the period's ENPI file (the browser saves it under the server's file name); a refusal throws the API's error. */
export async function downloadEnpiFile(period: string): Promise<string> {
  const res = await sepe['enpi.xml'].$get({ query: { period } });
  if (!res.ok) await call(Promise.resolve(res as never));
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `ENPI_${period}.xml`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** The period SEPE usually asks for: the month before today (YYYYMM). */
export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}12` : `${y}${String(m - 1).padStart(2, '0')}`;
}

const agencies = reactive(new Map<string, boolean>());
/** The organisation page tells the menu at once when an admin sets or clears the agency code. */
export const rememberSepeAgency = (organisationId: string, agencyCode: string | null | undefined) => void agencies.set(organisationId, Boolean(agencyCode?.trim()));

/** Whether the signed-in user's organisation has a SEPE agency code (the menu offers the SEPE file then). */
export function useIsSepeAgency() {
  const session = useSessionStore();
  watch(
    () => session.user?.organisationId,
    async (orgId) => {
      if (!orgId || agencies.has(orgId)) return;
      const org = await getJson<{ settings: { sepeAgencyCode?: string } }>('/api/organisation').catch(() => null);
      if (org) rememberSepeAgency(orgId, org.settings.sepeAgencyCode);
    },
    { immediate: true },
  );
  return computed(() => {
    const orgId = session.user?.organisationId;
    return orgId ? (agencies.get(orgId) ?? false) : false;
  });
}
