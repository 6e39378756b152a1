import { z } from '@hono/zod-openapi';
import { ZId, ZPageQuery } from '../schemas';

/** A second-level need (`0401`): what a resource serves and what an intervention is about. */
export const ZNeedCode = z.string().regex(/^\d{4}$/).openapi({ example: '0401' });
/** ISO 639 codes of the languages the service's staff speak; the first is the one it is written to in. */
const ZLanguage = z.string().trim().toLowerCase().regex(/^[a-z]{2,3}$/).openapi({ example: 'es' });

const name = z.string().trim().min(1).max(200);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const resourceFields = {
  name,
  description: z.string().trim().max(2000).optional(),
  needCodes: z.array(ZNeedCode).max(30).optional().openapi({ description: 'Second-level needs of the organisation it serves (400 not_a_need otherwise)' }),
  email: z.string().trim().toLowerCase().pipe(z.email()).nullable().optional(),
  phone: z.string().trim().min(3).max(30).nullable().optional().openapi({ example: '+34 915 555 123', description: 'Stored in E.164 (400 invalid_phone otherwise)' }),
  address: optionalText(300),
  openingHours: optionalText(300).openapi({ example: 'L-V 9:00-14:00' }),
  languages: z.array(ZLanguage).max(10).optional(),
  active: z.boolean().optional(),
  partnerOrganisationId: ZId.nullable().optional().openapi({ description: 'A partner organisation (organisation_partners): its users see referrals to it in the app' }),
};

export const ZCreateResourceRequest = z.object(resourceFields).openapi('CreateResourceRequest');
export type TCreateResourceRequest = z.infer<typeof ZCreateResourceRequest>;

export const updatableResourceFields = Object.keys(resourceFields);
export const ZUpdateResourceRequest = z
  .object({ ...resourceFields, name: name.optional() })
  .superRefine((v, ctx) => {
    if (Object.values(v).every((x) => x === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'empty_change', params: { code: 'empty_change', messageParams: { fields: updatableResourceFields.join(', ') } } });
    }
  })
  .openapi('UpdateResourceRequest', { description: 'Only the fields given change; `active: false` deactivates (hidden from searches, kept on referrals).' });
export type TUpdateResourceRequest = z.infer<typeof ZUpdateResourceRequest>;

export const ZResource = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    needCodes: z.array(z.string()),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    openingHours: z.string().nullable(),
    languages: z.array(z.string()),
    active: z.boolean(),
    organisationId: z.string().nullable().openapi({ description: 'The organisation known to Cauce that this resource is (the same as partnerOrganisationId), else null' }),
    partnerOrganisationId: z.string().nullable(),
    servesNeed: z.boolean().openapi({ description: 'Whether it serves the needCode asked for (false without one)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Resource');
export type TResource = z.infer<typeof ZResource>;

export const ZResourceListQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional().openapi({ description: 'Words in name, description or address; every word must match; accents and case ignored' }),
  needCode: ZNeedCode.optional().openapi({ description: 'Resources serving this second-level need come first' }),
  active: z
    .enum(['true', 'false', 'all'])
    .optional()
    .openapi({ description: 'Inactive resources are hidden; those who manage the directory (catalogue.manage) may ask for `false` or `all`' }),
});
export type TResourceListQuery = z.infer<typeof ZResourceListQuery>;

export const ZImportResourcesRequest = z
  .object({ csv: z.string().min(1).max(1_000_000) })
  .openapi('ImportResourcesRequest', {
    description:
      'CSV text with a header: name,description,need_codes,email,phone,address,opening_hours,languages,active[,id] (Spanish and Italian column names too; `,` or `;`). ' +
      'need_codes and languages separated by spaces or `|`. A row with an id updates that resource, others are added.',
  });
export const ZImportResourcesResult = z.object({ created: z.number().int(), updated: z.number().int() }).openapi('ImportResourcesResult');
