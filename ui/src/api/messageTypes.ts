// Message shapes, inferred from the server's routes.
import type { InferResponseType } from 'hono/client';
import type { StatusCode } from 'hono/utils/http-status';
import type { api } from './client';

type Ok<T, S extends StatusCode = 200> = InferResponseType<T, S>;

export type PersonMessage = Ok<(typeof api.persons)[':id']['messages']['$get']>['items'][number];
export type MessageStatus = PersonMessage['status'];
export type BulkPreview = Ok<(typeof api.messages.bulk.preview)['$post']>;
export type BulkStarted = Ok<(typeof api.messages.bulk)['$post'], 202>;
export type BulkProgress = Ok<(typeof api.messages.bulk)[':id']['$get']>;
export type BulkRecipient = Ok<(typeof api.messages.bulk)[':id']['recipients']['$get']>['items'][number];
export type MessagingSettings = Ok<typeof api.messaging.settings.$get>;
export type SmsBalanceChange = Ok<typeof api.messaging.sms.balance.$get>['items'][number];
export type ContactList = Ok<(typeof api.messaging)['contact-lists']['$get']>['items'][number];
export type Channel = 'email' | 'sms';
/** Who a bulk send is for: exactly one of these. */
export type BulkSource = { personIds: string[] } | { favorites: true } | { filter: { q?: string } } | { contactListId: string };
