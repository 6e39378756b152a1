// Issue 10, item 2: which language the UI speaks.
import { describe, expect, it } from 'vitest';
import { fromBrowser, resolveLocale } from '../../ui/src/i18n/precedence';

describe('UI language precedence', () => {
  it('signed in: the user’s saved preference comes first', () => {
    expect(resolveLocale({ user: 'it', organisation: 'es', browser: ['en-GB'] })).toBe('it');
  });
  it('then the organisation’s language, when the user’s is not one the UI speaks', () => {
    expect(resolveLocale({ user: 'fr', organisation: 'it', browser: ['en-GB'] })).toBe('it');
    expect(resolveLocale({ user: null, organisation: 'en', browser: ['it-IT'] })).toBe('en');
  });
  it('then the browser’s languages, in their order, by their base language', () => {
    expect(resolveLocale({ user: null, organisation: null, browser: ['fr-FR', 'it-CH', 'en'] })).toBe('it');
    expect(resolveLocale({ user: 'de', organisation: 'pt', browser: ['EN_us'] })).toBe('en');
  });
  it('then Spanish', () => {
    expect(resolveLocale({ user: null, organisation: null, browser: ['de-DE', 'fr'] })).toBe('es');
    expect(resolveLocale({ user: null, organisation: null, browser: [] })).toBe('es');
  });
  it('signed out: a language picked on the login page, then the browser’s, then Spanish', () => {
    expect(resolveLocale({ picked: 'en', browser: ['it-IT'] })).toBe('en');
    expect(resolveLocale({ picked: null, browser: ['it-IT'] })).toBe('it');
    expect(resolveLocale({ browser: ['pt-BR'] })).toBe('es');
  });
  it('a login-page pick does not outrank a signed-in user’s chosen language', () => {
    expect(resolveLocale({ user: 'it', organisation: 'it', picked: 'en', browser: ['es-ES'] })).toBe('it');
  });
  it('the login-page pick stays after signing in while the user has not chosen a language, over the organisation’s and the browser’s', () => {
    expect(resolveLocale({ user: null, organisation: 'es', picked: 'en', browser: ['it-IT'] })).toBe('en');
    expect(resolveLocale({ user: null, organisation: 'es', picked: null, browser: ['it-IT'] })).toBe('es');
  });
  it('reads navigator.languages tags', () => {
    expect(fromBrowser(['it-IT', 'es'])).toBe('it');
    expect(fromBrowser(undefined)).toBeNull();
  });
});
