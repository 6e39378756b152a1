import { reactive } from 'vue';

/**
 * Editing one text of a list in place (a note, an attribute's value, a need's name): which item is
 * open, its draft, and saving it. `save` gets the trimmed draft and says whether to close the editor.
 */
export function useInlineEdit<T>(keyOf: (item: T) => string, textOf: (item: T) => string, save: (item: T, text: string) => boolean | Promise<boolean>) {
  const state = reactive({
    editing: null as string | null,
    draft: '',
    start(item: T): void {
      state.editing = keyOf(item);
      state.draft = textOf(item);
    },
    async submit(item: T): Promise<void> {
      if (await save(item, state.draft.trim())) state.editing = null;
    },
  });
  return state;
}
