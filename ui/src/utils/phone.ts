import { parsePhoneNumberWithError } from 'libphonenumber-js';

/**
 * A stored number (E.164) as people read it: international format, grouped
 * (`+34 600 11 12 22`, `+39 333 111 2222`); what cannot be parsed is shown as stored.
 */
export function formatPhone(stored: string): string {
  try {
    return parsePhoneNumberWithError(stored.trim(), 'ES').formatInternational();
  } catch {
    return stored;
  }
}
