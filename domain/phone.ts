import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js';

/** Default country for numbers typed without a prefix, from the organisation's language. */
export function defaultCountryFor(locale: string): CountryCode {
  return locale.startsWith('it') ? 'IT' : 'ES';
}

/** E.164 (`+34600111222`) or null when the number is not a valid phone number. */
export function toE164(input: string, defaultCountry: CountryCode = 'ES'): string | null {
  try {
    const parsed = parsePhoneNumberWithError(input.trim(), defaultCountry);
    return parsed.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}
