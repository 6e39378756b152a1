// Rules of talking to people shared by the API, the activities and the UI: placeholders in
// message texts, who can receive what, and the bulk-send throttle.

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof MESSAGE_CHANNELS)[number];

/** Placeholders a text may use, written `{{name}}`; anything else is a 400 naming it. */
export const MESSAGE_PLACEHOLDERS = ['name', 'surname', 'professional', 'organisation'] as const;
export type Placeholder = (typeof MESSAGE_PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!(MESSAGE_PLACEHOLDERS as readonly string[]).includes(name)) unknown.add(name);
  }
  return [...unknown];
}

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (values as Record<string, string>)[name] ?? whole);
}

/** Why a person will not receive a message on a channel. */
export type ExclusionReason = 'missing_email' | 'invalid_email' | 'missing_phone' | 'not_mobile';

/** Addresses a mail server will refuse for sure (RFC 2606's `.invalid`) or that are not addresses. */
export function emailProblem(address: string): 'invalid_email' | null {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) return 'invalid_email';
  if (/\.invalid$/i.test(address)) return 'invalid_email';
  return null;
}

/**
 * Whether an E.164 number can take an SMS: Spanish mobiles start with 6 or 7, Italian with 3;
 * other countries are given the benefit of the doubt.
 */
export function phoneProblem(e164: string): 'not_mobile' | null {
  if (e164.startsWith('+34')) return /^\+34[67]/.test(e164) ? null : 'not_mobile';
  if (e164.startsWith('+39')) return /^\+393/.test(e164) ? null : 'not_mobile';
  return null;
}

export interface Contacts {
  emails: Array<{ address: string; isPrimary: boolean }>;
  phones: Array<{ number: string; isPrimary: boolean }>;
}

/** The address a bulk send uses (the preferred usable one), or why there is none. */
export function chooseRecipientAddress(channel: Channel, contacts: Contacts): { address: string } | { reason: ExclusionReason } {
  if (channel === 'email') {
    if (contacts.emails.length === 0) return { reason: 'missing_email' };
    const ordered = [...contacts.emails].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
    const usable = ordered.find((e) => !emailProblem(e.address));
    return usable ? { address: usable.address } : { reason: 'invalid_email' };
  }
  if (contacts.phones.length === 0) return { reason: 'missing_phone' };
  const ordered = [...contacts.phones].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  const usable = ordered.find((p) => !phoneProblem(p.number));
  return usable ? { address: usable.number } : { reason: 'not_mobile' };
}

/** Defaults of the per-organisation throttle (messaging_settings). */
export const DEFAULT_EMAILS_PER_SECOND = 5;
export const DEFAULT_SMS_PER_SECOND = 1;
/** Most recipients one bulk batch activity sends: keeps each activity short and its retry cheap. */
export const MAX_BULK_BATCH = 100;

/**
 * One batch's size and the time it must take at `perSecond`, shared by the bulk sends of one
 * organisation running at once (`running` of them): together they keep to the organisation's rate.
 */
export function bulkPace(perSecond: number, running: number): { batch: number; intervalMs: number } {
  const share = Math.max(perSecond / Math.max(1, running), 0.01);
  const batch = Math.max(1, Math.min(MAX_BULK_BATCH, Math.floor(share)));
  return { batch, intervalMs: Math.round((batch / share) * 1000) };
}
