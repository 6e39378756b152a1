// Custom search attributes: how an admin finds a workflow in the Temporal UI
// (e.g. `CauceKind = "intervention" AND CauceStatus = "open"`). Shared by workflows and clients.
// Values are not encrypted by Temporal: ids and codes only, never a person's name.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { workflowKinds, WorkflowKindName } from './workflow-kinds';

export const kindKey = defineSearchAttributeKey('CauceKind', SearchAttributeType.KEYWORD);
export const organisationKey = defineSearchAttributeKey('CauceOrganisation', SearchAttributeType.KEYWORD);
export const personKey = defineSearchAttributeKey('CaucePerson', SearchAttributeType.KEYWORD);
export const statusKey = defineSearchAttributeKey('CauceStatus', SearchAttributeType.KEYWORD);
export const assigneeKey = defineSearchAttributeKey('CauceAssignee', SearchAttributeType.KEYWORD);
export const needKey = defineSearchAttributeKey('CauceNeed', SearchAttributeType.KEYWORD);
/** The main business key: a case code, an invitation id, a registry number. */
export const businessKeyKey = defineSearchAttributeKey('CauceKey', SearchAttributeType.KEYWORD);

export const allSearchAttributeKeys = [
  kindKey,
  organisationKey,
  personKey,
  statusKey,
  assigneeKey,
  needKey,
  businessKeyKey,
] as const;

/** CauceKind values: one per kind in workflows/workflow-kinds.ts. */
export type WorkflowKind = (typeof workflowKinds)[WorkflowKindName]['kind'];
