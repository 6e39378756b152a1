import type { HTMLAttributes } from 'vue';
import type { SelectGroupOption, SelectOption } from 'naive-ui';

/** `node-props` for an NSelect: a data-testid per option and its value, for browser tests. */
export function optionProps(testId: string) {
  return (option: SelectOption | SelectGroupOption): HTMLAttributes & Record<string, unknown> => ({
    'data-testid': testId,
    'data-value': 'value' in option ? String(option.value ?? '') : '',
  });
}
