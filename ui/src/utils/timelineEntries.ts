import type { TimelineEntry, TimelineKind } from '../components/common/HistoryTimeline.vue';

/** One step of a workflow's recorded history, as the API sends it (a case's, a communication's). */
export interface RecordedEvent {
  seq: number;
  action: string;
  label: string;
  at: string;
  actorName: string | null;
  note: string | null;
  details: Record<string, unknown>;
}

/** A detail's value when it is text. */
export const detailText = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Puts recorded events into the timeline's words: the module gives each action's colour, who acted and what it changed. */
export function timelineEntries<E extends RecordedEvent>(
  events: E[],
  kinds: Record<string, TimelineKind>,
  actor: (e: E) => string,
  extra: (e: E) => string | null,
): TimelineEntry[] {
  return events.map((e) => ({ key: e.seq, action: e.action, label: e.label, at: e.at, actor: actor(e), kind: kinds[e.action] ?? 'default', extra: extra(e), note: e.note }));
}
