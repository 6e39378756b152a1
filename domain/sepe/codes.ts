/**
 * The code lists of the SEPE files an agencia de colocación sends (XML_ENPI v1.1, XML_ACCD v0,
 * XML_ACCI v0; see documents/sepe/xsd). Cauce stores its own words (a contract is
 * 'temporary_full_time', not '401') and turns them into each file's codes here, one table per file
 * type: the same code means different contracts in ENPI and ACCD (003 is indefinido a tiempo
 * parcial in one and duración determinada a tiempo completo in the other).
 */
export const sepeFileKinds = ['enpi', 'accd', 'acci'] as const;
export type SepeFileKind = (typeof sepeFileKinds)[number];

/** The XSD each file names in xsi:noNamespaceSchemaLocation, and its root element. */
export const sepeSchemaFile: Record<SepeFileKind, string> = {
  enpi: 'XML_ENPI_v1.1.xsd',
  accd: 'XML_ACCD_v0.xsd',
  acci: 'XML_ACCI_v0.xsd',
};
export const sepeRootElement: Record<SepeFileKind, string> = { enpi: 'ENVIO_ENPI', accd: 'ENVIO_ACCD', acci: 'ENVIO_ACCI' };

/** NIVEL_FORMATIVO: 00 sin estudios, 10 nivel básico, 20 secundarios, 30 post-secundarios. */
export const sepeEducationLevels = ['00', '10', '20', '30'] as const;
export type SepeEducationLevel = (typeof sepeEducationLevels)[number];

/** SEXO_TRABAJADOR: 1 varón, 2 mujer (the only two values the schema takes). */
export type SepeSex = 'male' | 'female';
export const sepeSexCode: Record<SepeSex, '1' | '2'> = { male: '1', female: '2' };

/** Contract types as Cauce records a placement; each file type has its own code for them. */
export const sepeContractTypes = ['permanent_full_time', 'permanent_part_time', 'temporary_full_time', 'temporary_part_time', 'fixed_discontinuous'] as const;
export type SepeContractType = (typeof sepeContractTypes)[number];

/**
 * ENPI's TIPO_CONTRATO: 001 indefinido tiempo completo, 003 indefinido tiempo parcial, 401 duración
 * determinada tiempo completo, 501 duración determinada tiempo parcial. ENPI has no fijo
 * discontinuo: it is a permanent contract whose work is not the whole year, so it is reported as
 * indefinido a tiempo parcial (and counted in TOTAL_CONTRATOS_INDEFINIDOS).
 */
export const enpiContractTypeCode: Record<SepeContractType, '001' | '003' | '401' | '501'> = {
  permanent_full_time: '001',
  permanent_part_time: '003',
  temporary_full_time: '401',
  temporary_part_time: '501',
  fixed_discontinuous: '003',
};

/**
 * A job offer's or a placement's contract type, stored as ENPI's own code (domain/job-offers/
 * offers.ts contractTypes), in Cauce's words: the one place the two meet. Fijo discontinuo has no
 * ENPI code of its own, so an offer never stores it and nothing maps back to it.
 */
export const contractTypeOfEnpiCode: Record<'001' | '003' | '401' | '501', SepeContractType> = {
  '001': 'permanent_full_time',
  '003': 'permanent_part_time',
  '401': 'temporary_full_time',
  '501': 'temporary_part_time',
};
export const contractTypeFromEnpiCode = (code: string | null | undefined): SepeContractType | null =>
  code && Object.hasOwn(contractTypeOfEnpiCode, code) ? contractTypeOfEnpiCode[code as keyof typeof contractTypeOfEnpiCode] : null;

/** ACCD's TIPO_CONTRATO: 001, 002 indefinido completo/parcial; 003, 004 duración determinada completo/parcial; 005 fijo discontinuo. */
export const accdContractTypeCode: Record<SepeContractType, '001' | '002' | '003' | '004' | '005'> = {
  permanent_full_time: '001',
  permanent_part_time: '002',
  temporary_full_time: '003',
  temporary_part_time: '004',
  fixed_discontinuous: '005',
};

/** Contracts counted in TOTAL_CONTRATOS_INDEFINIDOS. */
export const isPermanentContract = (type: SepeContractType) => type !== 'temporary_full_time' && type !== 'temporary_part_time';

/**
 * ACCD's TIPO_ACCION: I información, E acción relacionada con una oferta de empleo, O orientación,
 * F formación, M oferta de movilidad. (Registration with the agency is not an action here.)
 */
export const sepeActionTypes = ['I', 'E', 'O', 'F', 'M'] as const;
export type SepeActionType = (typeof sepeActionTypes)[number];

/**
 * ACCI's TIPO_INCIDENCIA: I01 no comparecer ante la agencia, I02 negativa a participar en
 * orientación, I03 negativa a participar en formación, I04 rechazo de una oferta de empleo, Z01
 * imposible contactar, Z02 enfermedad o incapacidad temporal, Z03 la persona ya trabaja.
 */
export const sepeIncidentTypes = ['I01', 'I02', 'I03', 'I04', 'Z01', 'Z02', 'Z03'] as const;
export type SepeIncidentType = (typeof sepeIncidentTypes)[number];

/** CODIGO_AGENCIA: ENPI takes a 10-digit code; under a convenio (ACCD, ACCI) a UTE's UT + 8 digits too. */
const AGENCY_CODE: Record<SepeFileKind, RegExp> = {
  enpi: /^(0[0-9]|1[0-9]|99)[0-9]{8}$/,
  accd: /^(UT|ut|0[0-9]|1[0-9]|99)[0-9]{8}$/,
  acci: /^(UT|ut|0[0-9]|1[0-9]|99)[0-9]{8}$/,
};
export const isSepeAgencyCode = (code: string, kind: SepeFileKind) => AGENCY_CODE[kind].test(code);

/** CODIGO_CONVENIO (ACCD, ACCI): e.g. 99CONV0001. */
export const isSepeAgreementCode = (code: string) => /^(0[0-9]|1[0-7]|99)CONV\d{4}$/.test(code);
