// Demo resources of the referral directory: a local employment service and the Italian demo CPI
// as a partner organisation (its users see referrals in "Derivaciones recibidas").
import type { DbLike } from '../client';
import { resources } from '../schema';
import { normalizeForSearch } from '../../domain/text';

export const demoResources = [
  {
    name: 'Centro de Empleo Norte',
    description: 'Orientación laboral, talleres de búsqueda de empleo y bolsa de trabajo.',
    needCodes: ['0301'],
    email: 'empleo-norte@servicios.example.org',
    phone: '+34910000001',
    address: 'Calle Mayor 12, Madrid',
    openingHours: 'L-V 9:00-14:00',
    languages: ['es', 'en'],
  },
  {
    name: 'Banco de Alimentos del Distrito',
    description: 'Entrega de alimentos y productos básicos a familias derivadas por servicios sociales.',
    needCodes: ['0401'],
    email: 'banco-alimentos@servicios.example.org',
    phone: '+34910000002',
    address: 'Avenida del Parque 3, Madrid',
    openingHours: 'M y J 10:00-13:00',
    languages: ['es'],
  },
] as const;

export async function seedDemoResources(tx: DbLike, organisationId: string, partnerOrganisationId: string): Promise<void> {
  const rows = [
    ...demoResources.map((r) => ({ ...r, needCodes: [...r.needCodes], languages: [...r.languages] })),
    {
      name: 'CPI Demo (Italia)',
      description: 'Centro per l’impiego partner: bilancio delle competenze e orientamento.',
      needCodes: ['0301'],
      email: 'operatore@cauce.local',
      phone: null,
      address: 'Via Roma 1, Torino',
      openingHours: 'Lun-Ven 9:00-13:00',
      languages: ['it'],
      partnerOrganisationId,
    },
  ];
  await tx.insert(resources).values(
    rows.map((r) => ({ ...r, organisationId, searchText: normalizeForSearch(`${r.name} ${r.description} ${r.address ?? ''}`) })),
  );
}
