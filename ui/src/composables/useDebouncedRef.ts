import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';

/** A copy of `source` that follows it only after `delay` ms without changes. */
export function useDebouncedRef<T>(source: MaybeRefOrGetter<T>, delay = 300): Ref<T> {
  const debounced = ref(toValue(source)) as Ref<T>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    () => toValue(source),
    (value) => {
      clearTimeout(timer);
      timer = setTimeout(() => (debounced.value = value), delay);
    },
  );
  onScopeDispose(() => clearTimeout(timer));
  return debounced;
}
