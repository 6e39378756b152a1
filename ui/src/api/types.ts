// Response shapes, inferred from the server's routes so they never drift from the API.
import type { InferResponseType } from 'hono/client';
import type { api } from './client';

type Ok<T> = InferResponseType<T, 200>;

export type CurrentUser = Ok<typeof api.auth.me.$get>['user'];
export type SystemInfo = Ok<typeof api.system.$get>;
export type InvitationInfo = Ok<(typeof api.invitations)[':token']['$get']>;

export type PersonListItem = Ok<typeof api.persons.$get>['items'][number];
export type Person = Ok<(typeof api.persons)[':id']['$get']>;
export type PersonEmail = Person['emails'][number];
export type PersonPhone = Person['phones'][number];
export type ActivityEntry = Ok<(typeof api.persons)[':id']['activity']['$get']>['items'][number];
export type DeletionImpact = Ok<(typeof api.persons)[':id']['deletion-impact']['$get']>;
export type PersonSort = 'name' | 'code' | 'recent';

export type User = Ok<typeof api.users.$get>['items'][number];
export type UserStatus = User['status'];
export type PermissionRules = Ok<typeof api['permission-rules']['$get']>;
export type PermissionRule = PermissionRules['rules'][number];
export type Organisation = Ok<typeof api.organisation.$get>;
export type CapturedMail = Ok<typeof api.admin.mails.$get>['items'][number];
export type SmsRecord = Ok<typeof api.admin.sms.$get>['items'][number];
export type OutboxEmail = Ok<typeof api.admin.outbox.$get>['items'][number];

export interface Page<T> {
  items: T[];
  total: number;
}

export type NotificationPage = Ok<typeof api.notifications.$get>;
export type AppNotification = NotificationPage['items'][number];
