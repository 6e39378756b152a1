// Response shapes of the electronic window (ventanilla) and the signature tray, inferred from
// the server's routes.
import type { InferResponseType } from 'hono/client';
import type { api } from './client';

type Ok<T> = InferResponseType<T, 200>;

export type Communication = Ok<(typeof api.ventanilla)[':id']['$get']>;
export type CommunicationStatus = Communication['status'];
export type CommunicationActions = Communication['can'];
export type CommunicationSigner = Communication['signers'][number];
export type CommunicationAttachment = Communication['attachments'][number];
export type CommunicationEvent = Communication['history'][number];
export type CommunicationPage = Ok<typeof api.ventanilla.$get>;
export type CommunicationListItem = CommunicationPage['items'][number];
export type TrayPage = Ok<(typeof api)['signature-tray']['$get']>;
export type TrayItem = TrayPage['items'][number];
export type BulkSignResult = Ok<(typeof api)['signature-tray']['sign']['$post']>;
export type Verification = Ok<(typeof api.verify)[':code']['$get']>;
export type Unit = Ok<typeof api.units.$get>[number];
export type UnitMember = Ok<(typeof api.units)[':id']['members']['$get']>[number];
export type SigningMode = 'sequential' | 'parallel';
export type Box = 'outbox' | 'inbox';
