import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { ApiError } from '../api/client';

export interface AsyncData<T> {
  data: ShallowRef<T | null>;
  error: Ref<ApiError | null>;
  loading: Ref<boolean>;
  reload: () => Promise<void>;
}

/** Loads something, keeping loading and error state; an older answer never overwrites a newer one. */
/** `clearOnError`: a failed load also forgets the last answer (a detail page must not show another object's data). */
export function useAsyncData<T>(load: () => Promise<T>, options: { immediate?: boolean; clearOnError?: boolean } = {}): AsyncData<T> {
  const data = shallowRef<T | null>(null);
  const error = ref<ApiError | null>(null);
  const loading = ref(false);
  let latest = 0;

  async function reload(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const value = await load();
      if (ticket === latest) data.value = value;
    } catch (err) {
      if (ticket !== latest) return;
      if (options.clearOnError) data.value = null;
      error.value = err instanceof ApiError ? err : new ApiError(0, 'client_error', String(err));
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  if (options.immediate !== false) void reload();
  return { data, error, loading, reload };
}
