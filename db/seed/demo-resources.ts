// The demo's resource directory: the services a Spanish municipal social services team refers
// people to, with the second-level needs each serves (so searches from a case rank them), and the
// Italian demo CPI as a partner organisation (its users see referrals in "Derivaciones recibidas").
import type { DbLike } from '../client';
import { organisationPartners, resources } from '../schema';
import { resourceSearchText } from '../../domain/text';

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
    name: 'Cáritas Diocesana — Acogida parroquial',
    description: 'Acogida y escucha, ayudas de alimentación, ropero y apoyo para el pago de suministros.',
    needCodes: ['0401', '0102', '0205'],
    email: 'acogida@caritas-demo.example.org',
    phone: '+34915550101',
    address: 'Calle de la Iglesia 4, 28001 Madrid',
    openingHours: 'L, X y V de 10:00 a 13:00',
    languages: ['es', 'ar'],
  },
  {
    name: 'Cruz Roja — Plan de Empleo',
    description: 'Itinerarios de inserción laboral, orientación, formación en competencias digitales y prácticas en empresas.',
    needCodes: ['0301', '0303'],
    email: 'empleo.madrid@cruzroja-demo.example.org',
    phone: '+34915550102',
    address: 'Avenida de la Reina Victoria 26, 28003 Madrid',
    openingHours: 'L-V de 9:00 a 14:00',
    languages: ['es', 'en', 'fr'],
  },
  {
    name: 'Cruz Roja — Respuesta a emergencias',
    description: 'Alojamiento provisional, kits de higiene y acompañamiento tras incendios, inundaciones o desalojos.',
    needCodes: ['0402'],
    email: 'emergencias@cruzroja-demo.example.org',
    phone: '+34915550103',
    address: 'Avenida de la Reina Victoria 26, 28003 Madrid',
    openingHours: '24 horas',
    languages: ['es', 'en'],
  },
  {
    name: 'Banco de Alimentos del Distrito',
    description: 'Entrega mensual de lotes de alimentos y productos básicos a familias derivadas por los servicios sociales.',
    needCodes: ['0401'],
    email: 'entidades@bancoalimentos-demo.example.org',
    phone: '+34915550104',
    address: 'Carretera de Colmenar Viejo km 14, Madrid',
    openingHours: 'Martes y jueves de 9:00 a 12:00',
    languages: ['es'],
  },
  {
    name: 'Centro de Salud Mental de Distrito',
    description: 'Atención psicológica y psiquiátrica; primera cita con informe de derivación de atención primaria o servicios sociales.',
    needCodes: ['0204', '0201'],
    email: 'csm.centro@salud-demo.example.org',
    phone: '+34915550105',
    address: 'Calle Navas de Tolosa 10, 28013 Madrid',
    openingHours: 'L-V de 8:00 a 20:00',
    languages: ['es', 'en'],
  },
  {
    name: 'Agencia para el Empleo — Oficina municipal',
    description: 'Inscripción como demandante, orientación laboral, bolsa de empleo y cursos con certificado de profesionalidad.',
    needCodes: ['0301'],
    email: 'orientacion@empleo-demo.example.org',
    phone: '+34915550106',
    address: 'Calle Ribera del Sena 21, 28042 Madrid',
    openingHours: 'L-V de 9:00 a 14:00; martes también de 16:00 a 18:30',
    languages: ['es'],
  },
  {
    name: 'Albergue municipal San Isidro',
    description: 'Alojamiento temporal, manutención e higiene para personas sin hogar; entrada por derivación del SAMUR Social o servicios sociales.',
    needCodes: ['0401', '0202', '0402'],
    email: 'albergue.sanisidro@ayto-demo.example.org',
    phone: '+34915550107',
    address: 'Paseo del Rey 34, 28008 Madrid',
    openingHours: 'Admisión de 18:00 a 22:00',
    languages: ['es', 'en', 'ro'],
  },
  {
    name: 'Punto Municipal del Observatorio de Violencia de Género',
    description: 'Atención social, psicológica y jurídica a mujeres víctimas de violencia de género y a sus hijas e hijos.',
    needCodes: ['0203'],
    email: 'pmorvg@ayto-demo.example.org',
    phone: '+34915550108',
    address: 'Calle de Alcalá 45, 28014 Madrid',
    openingHours: 'L-V de 9:00 a 19:00',
    languages: ['es', 'en', 'ar'],
  },
  {
    name: 'Centro de Día para personas mayores Los Almendros',
    description: 'Atención diurna, terapia ocupacional y actividades para prevenir la soledad no deseada.',
    needCodes: ['0204', '0205'],
    email: 'almendros@mayores-demo.example.org',
    phone: '+34915550109',
    address: 'Calle de los Almendros 12, 28039 Madrid',
    openingHours: 'L-V de 8:30 a 17:30',
    languages: ['es'],
  },
  {
    name: 'Oficina de Información Juvenil y Escuela de Adultos',
    description: 'Refuerzo escolar, prevención del absentismo, alfabetización y obtención del título de ESO para adultos.',
    needCodes: ['0302', '0103'],
    email: 'informacion@juventud-demo.example.org',
    phone: '+34915550110',
    address: 'Plaza de Chamberí 8, 28010 Madrid',
    openingHours: 'L-J de 10:00 a 14:00 y de 16:30 a 20:00',
    languages: ['es', 'en'],
  },
  {
    name: 'Asesoría jurídica gratuita del Colegio de Abogados',
    description: 'Orientación jurídica y tramitación de la justicia gratuita: vivienda, extranjería y familia.',
    needCodes: ['0102', '0201'],
    email: 'soj@abogados-demo.example.org',
    phone: '+34915550111',
    address: 'Calle Serrano 9, 28001 Madrid',
    openingHours: 'Con cita previa',
    languages: ['es'],
  },
];

export async function seedDemoResources(tx: DbLike, organisationId: string, partnerOrganisationId: string): Promise<void> {
  // A resource may be an organisation only if it is a partner (the directory's rule).
  await tx.insert(organisationPartners).values({ organisationId, partnerId: partnerOrganisationId }).onConflictDoNothing();
  const partner = {
    name: 'CPI Demo (Italia)',
    description: 'Centro per l’impiego partner: bilancio delle competenze e orientamento.',
    needCodes: ['0301'],
    email: 'operatore@cauce.local',
    phone: null,
    address: 'Via Roma 1, Torino',
    openingHours: 'Lun-Ven 9:00-13:00',
    languages: ['it'],
    partnerOrganisationId,
  };
  await tx.insert(resources).values([...demoResources, partner].map((r) => ({ ...r, organisationId, searchText: resourceSearchText(r) })));
}
