// The electronic window from the web app: boxes, one communication and its actions, attachments
// (uploaded with progress), the signature tray and public verification.
import { api, ApiError, call } from '../api/client';
import type { Box, BulkSignResult, CommunicationStatus, SigningMode, Unit } from '../api/ventanillaTypes';
import { currentLocale } from '../i18n';

export const COMMUNICATION_STATUSES = [
  'draft',
  'awaiting_signature',
  'pending_reception',
  'forwarded',
  'received',
  'processed',
  'closed_unprocessed',
] as const satisfies readonly ListStatus[];
/** As lists show them: "forwarded" (Reenviada) is pending reception at a unit it was sent on to. */
export type ListStatus = CommunicationStatus | 'forwarded';

/** The server's limits (domain/ventanilla.ts), repeated only to warn before uploading. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;
export const ATTACHMENT_ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.txt,.csv,.rtf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp';

export interface CommunicationQuery {
  box: Box;
  status?: ListStatus | null;
  q?: string;
  page?: number;
  pageSize?: number;
}

export function fetchCommunications(query: CommunicationQuery) {
  return call(
    api.ventanilla.$get({
      query: {
        box: query.box,
        status: query.status ?? undefined,
        q: query.q?.trim() || undefined,
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 25,
      },
    }),
  );
}

export const fetchCommunication = (id: string) => call(api.ventanilla[':id'].$get({ param: { id } }));

export function fetchUnits(mine = false): Promise<Unit[]> {
  return call(api.units.$get({ query: mine ? { mine: 'true' } : {} }));
}

/** Active signers of the caller's organisation, for "Enviar a firma". */
export async function fetchSigners() {
  const page = await call(api.users.$get({ query: { role: 'signer', status: 'active' } }));
  return page.items;
}

export type NewCommunication = Parameters<typeof api.ventanilla.$post>[0]['json'];
export type CommunicationChanges = Parameters<(typeof api.ventanilla)[':id']['$patch']>[0]['json'];

export const createCommunication = (input: NewCommunication) => call(api.ventanilla.$post({ json: input }));

export type SubmitInput = { signerIds: string[]; mode: SigningMode };

/** Every action answers with the full detail, so the page just shows what comes back. */
export function communicationActions(id: string) {
  const param = { id };
  const c = api.ventanilla[':id'];
  return {
    update: (changes: CommunicationChanges) => call(c.$patch({ param, json: changes })),
    submit: ({ signerIds, mode }: SubmitInput) =>
      call(c.submit.$post({ param, json: signerIds.length === 1 ? { signerId: signerIds[0] } : { signerIds, mode } })),
    withdraw: () => call(c.withdraw.$post({ param })),
    sign: (password?: string) => call(c.sign.$post({ param, json: password ? { password } : {} })),
    reject: (reason: string) => call(c.reject.$post({ param, json: { reason } })),
    receive: () => call(c.receive.$post({ param })),
    forward: (unitId: string, note?: string) => call(c.forward.$post({ param, json: { unitId, note: note?.trim() || undefined } })),
    process: (observations: string) => call(c.process.$post({ param, json: { observations } })),
    close: (reason: string) => call(c.close.$post({ param, json: { reason } })),
    followUp: () => call(c['follow-up-communication'].$post({ param, json: {} })),
    addLink: (url: string, label: string) => call(c.links.$post({ param, json: { url, label } })),
    removeAttachment: (attachmentId: string) => call(c.attachments[':attachmentId'].$delete({ param: { id, attachmentId } })),
  };
}

export type CommunicationActionName = keyof ReturnType<typeof communicationActions>;

/**
 * Uploads a file as multipart field "file", reporting progress (fetch cannot). Errors come back
 * as the same ApiError the typed client throws, with the server's localized message.
 */
export function uploadAttachment(id: string, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/ventanilla/${encodeURIComponent(id)}/attachments`);
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let body: { error?: { code?: string; message?: string; details?: unknown } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // Not JSON (a proxy's page): the status alone.
      }
      reject(new ApiError(xhr.status, body.error?.code ?? 'http_error', body.error?.message ?? xhr.statusText, body.error?.details));
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

export const fetchTray = (page: number, pageSize: number) =>
  call(api['signature-tray'].$get({ query: { page, pageSize } }));

export const bulkSign = (ids: string[]): Promise<BulkSignResult> => call(api['signature-tray'].sign.$post({ json: { ids } }));

export const verifyDocument = (code: string) => call(api.verify[':code'].$get({ param: { code } }), { expectUnauthorized: true });

export const verificationPdfUrl = (code: string) => `/api/verify/${encodeURIComponent(code)}/pdf`;

