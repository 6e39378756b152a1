import type { InputHTMLAttributes } from 'vue';

/**
 * Attributes for the native <input> inside a naive-ui field: the id its label points at, and a
 * data-testid for browser tests (which naive-ui's types do not list).
 */
export function inputProps(id: string, testId: string, extra: InputHTMLAttributes = {}): InputHTMLAttributes {
  return { id, ...extra, ...({ 'data-testid': testId } as InputHTMLAttributes) };
}
