// Filters of a list page read straight from the address: one text per key, choices checked against
// what is allowed, switches as '1', the page as `pagina`. Any filter change goes back to page 1.
import { computed, type ComputedRef } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';

export function useQueryFilters() {
  const route = useRoute();
  const router = useRouter();

  /** The key's value (the first when repeated), or null. */
  const text = (key: string): string | null => {
    const v = route.query[key];
    return (Array.isArray(v) ? v[0] : v) ?? null;
  };
  /** The key's value when it is one of `allowed`, else null. */
  const choice = <T extends string>(key: string, allowed: readonly string[]): ComputedRef<T | null> =>
    computed(() => {
      const v = text(key);
      return v && allowed.includes(v) ? (v as T) : null;
    });
  /** A switch: on when the key is '1'. */
  const flag = (key: string): ComputedRef<boolean> => computed(() => text(key) === '1');
  const page = computed(() => Math.max(1, Number(text('pagina')) || 1));

  /** Sets (or, given null or '', removes) the keys and goes back to page 1. */
  function update(changes: Record<string, string | null>): void {
    const query: LocationQueryRaw = { ...route.query, pagina: undefined };
    for (const [key, value] of Object.entries(changes)) query[key] = value || undefined;
    void router.replace({ query });
  }
  function setPage(p: number): void {
    void router.replace({ query: { ...route.query, pagina: String(p) } });
  }
  return { text, choice, flag, page, update, setPage };
}
