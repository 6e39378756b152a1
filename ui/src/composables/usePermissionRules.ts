// The roles × permissions matrix, edited locally and saved in one PUT.
import { computed, reactive } from 'vue';
import { api, call } from '../api/client';
import type { PermissionRule, PermissionRules } from '../api/types';
import { useAsyncData } from './useAsyncData';

type Rule = Pick<PermissionRule, 'role' | 'permission' | 'allowed'>;
const keyOf = (role: string, permission: string) => `${role}|${permission}`;

export function usePermissionRules() {
  const draft = reactive<Record<string, boolean>>({});
  const rules = useAsyncData<PermissionRules>(async () => {
    const value = await call(api['permission-rules'].$get());
    reset(value);
    return value;
  });

  function reset(value: PermissionRules | null = rules.data.value): void {
    for (const key of Object.keys(draft)) delete draft[key];
    for (const r of value?.rules ?? []) draft[keyOf(r.role, r.permission)] = r.allowed;
  }

  function rule(role: string, permission: string): PermissionRule | undefined {
    return rules.data.value?.rules.find((r) => r.role === role && r.permission === permission);
  }

  const changes = computed<Rule[]>(() =>
    (rules.data.value?.rules ?? [])
      .filter((r) => draft[keyOf(r.role, r.permission)] !== r.allowed)
      .map((r) => ({ role: r.role, permission: r.permission, allowed: draft[keyOf(r.role, r.permission)] })),
  );

  function allowed(role: string, permission: string): boolean {
    return draft[keyOf(role, permission)] ?? false;
  }

  function set(role: string, permission: string, value: boolean): void {
    draft[keyOf(role, permission)] = value;
  }

  async function save(): Promise<void> {
    if (changes.value.length === 0) return;
    const value = await call(api['permission-rules'].$put({ json: { rules: changes.value } }));
    rules.data.value = value;
    reset(value);
  }

  return { ...rules, rule, allowed, set, changes, save, reset: () => reset() };
}
