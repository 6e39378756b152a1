import { computed, shallowRef, type ShallowRef, type WritableComputedRef } from 'vue';

/** A dialog about one thing: `item` is what it is about, and `show` is open while there is one (closing it forgets the item). */
export function useDialogFor<T>(): { item: ShallowRef<T | null>; show: WritableComputedRef<boolean> } {
  const item = shallowRef<T | null>(null) as ShallowRef<T | null>;
  const show = computed({
    get: () => item.value !== null,
    set: (open: boolean) => {
      if (!open) item.value = null;
    },
  });
  return { item, show };
}
