/**
 * The SEPE files an agencia de colocación sends: ENPI (XML_ENPI v1.1, the monthly or annual
 * activity report) and, under a convenio, ACCD (actions per person) and ACCI (incidents). Built
 * from typed records (domain/sepe) with xmlbuilder2, which escapes text and writes the elements
 * in the order given, and written as ISO-8859-1 bytes: the encoding the schemas declare, and the
 * one that can carry the Ñ of AÑO_MES_ENVIO as SEPE reads it. Every generated file is checked
 * against its XSD in the tests (platform/sepe-xml-validator.ts).
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { accdAggregates, enpiAggregates, type SepeAggregates, type SepeOfferCounts } from '../../domain/sepe/aggregates';
import { sepeRootElement, sepeSchemaFile, type SepeFileKind } from '../../domain/sepe/codes';
import type { SepePeriod } from '../../domain/sepe/period';
import {
  prepareSepeIncidents,
  prepareSepeWorkers,
  type SepeIncident,
  type SepeNameRecord,
  type SepeProblem,
  type SepeSender,
  type SepeWorker,
  type SepeWorkerRecord,
} from '../../domain/sepe/records';

export interface SepeFile {
  kind: SepeFileKind;
  /** AÑO_MES_ENVIO. */
  period: string;
  /** e.g. ENPI_9900000001_202603.xml */
  fileName: string;
  mediaType: 'application/xml';
  /** ISO-8859-1 bytes. */
  content: Buffer;
  /** ACCION / DATOS_ACCION / INCIDENCIA elements written. */
  records: number;
}

/** The data would make the file invalid; `problems` says what to fix (the API's 422 sepe_data_incomplete). */
export class SepeDataIncompleteError extends Error {
  constructor(readonly problems: SepeProblem[]) {
    super(`The SEPE file would be invalid: ${problems.length} problem(s), first: ${problems[0]?.code} (${problems[0]?.person ?? 'organisation'})`);
    this.name = 'SepeDataIncompleteError';
  }
}

export interface SepeWorkersFileInput {
  sender: SepeSender;
  period: SepePeriod;
  /** The people attended in the period, each once. */
  workers: SepeWorker[];
  offers: SepeOfferCounts;
}

export interface SepeIncidentsFileInput {
  sender: SepeSender;
  period: SepePeriod;
  incidents: SepeIncident[];
}

/** Every problem that would make the ENPI or ACCD file invalid (empty: it can be made). */
export const checkSepeWorkersFile = (kind: 'enpi' | 'accd', input: SepeWorkersFileInput) => prepareSepeWorkers(kind, input.sender, input.period, input.workers).problems;
/** Every problem that would make the ACCI file invalid. */
export const checkSepeIncidentsFile = (input: SepeIncidentsFileInput) => prepareSepeIncidents(input.sender, input.incidents).problems;

function open(kind: SepeFileKind) {
  const doc = create({ version: '1.0', encoding: 'ISO-8859-1' });
  const root = doc.ele(sepeRootElement[kind], {
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:noNamespaceSchemaLocation': sepeSchemaFile[kind],
  });
  return { doc, envio: root.ele('ENVIO_MENSUAL') };
}

function header(envio: XMLBuilder, kind: SepeFileKind, sender: SepeSender, period: SepePeriod) {
  if (kind !== 'enpi') {
    envio.ele('TIPO_FICHERO').txt(kind.toUpperCase());
    envio.ele('CODIGO_CONVENIO').txt(sender.agreementCode!.trim());
  }
  envio.ele('CODIGO_AGENCIA').txt(sender.agencyCode!.trim());
  envio.ele('AÑO_MES_ENVIO').txt(period.code);
}

/** Writes `name` with `value` as text; an empty value is an empty element (<X/>), which the 0-length fields take. */
const leaf = (parent: XMLBuilder, name: string, value: string | number) => {
  const el = parent.ele(name);
  if (value !== '') el.txt(String(value));
};

function names(el: XMLBuilder, r: SepeNameRecord) {
  leaf(el, 'ID_TRABAJADOR', r.ID_TRABAJADOR);
  leaf(el, 'NOMBRE_TRABAJADOR', r.NOMBRE_TRABAJADOR);
  leaf(el, 'APELLIDO1_TRABAJADOR', r.APELLIDO1_TRABAJADOR);
  leaf(el, 'APELLIDO2_TRABAJADOR', r.APELLIDO2_TRABAJADOR);
}

function person(el: XMLBuilder, r: SepeWorkerRecord) {
  names(el, r);
  leaf(el, 'FECHA_NACIMIENTO', r.FECHA_NACIMIENTO);
  leaf(el, 'SEXO_TRABAJADOR', r.SEXO_TRABAJADOR);
  leaf(el, 'NIVEL_FORMATIVO', r.NIVEL_FORMATIVO);
  leaf(el, 'DISCAPACIDAD', r.DISCAPACIDAD);
  leaf(el, 'INMIGRANTE', r.INMIGRANTE);
}

function aggregates(envio: XMLBuilder, list: SepeAggregates) {
  const el = envio.ele('DATOS_AGREGADOS');
  for (const [name, value] of list) leaf(el, name, value);
}

/** ISO-8859-1 bytes of the document; every text was made Latin-1 by domain/sepe, element names are. */
function finish(doc: XMLBuilder, kind: SepeFileKind, sender: SepeSender, period: SepePeriod, records: number): SepeFile {
  const xml = doc.end({ prettyPrint: true, indent: '  ' });
  const outside = /[^\u0000-\u00ff]/.exec(xml);
  if (outside) throw new Error(`SEPE ${kind} file: character U+${outside[0].codePointAt(0)!.toString(16).toUpperCase()} is not ISO-8859-1`);
  return {
    kind,
    period: period.code,
    fileName: `${kind.toUpperCase()}_${sender.agencyCode!.trim()}_${period.code}.xml`,
    mediaType: 'application/xml',
    content: Buffer.from(`${xml}\n`, 'latin1'),
    records,
  };
}

/**
 * ENPI: one ACCION per person attended, with the placement of those placed, and DATOS_AGREGADOS
 * counted from the same people plus the offers' counts. Throws SepeDataIncompleteError when the
 * data would make the file invalid (check first with checkSepeWorkersFile to list the problems).
 */
export function renderEnpiFile(input: SepeWorkersFileInput): SepeFile {
  const { records, problems } = prepareSepeWorkers('enpi', input.sender, input.period, input.workers);
  if (problems.length) throw new SepeDataIncompleteError(problems);
  const { doc, envio } = open('enpi');
  header(envio, 'enpi', input.sender, input.period);
  const acciones = envio.ele('ACCIONES_REALIZADAS');
  for (const r of records) {
    const el = acciones.ele('ACCION');
    person(el, r);
    leaf(el, 'COLOCACION', r.COLOCACION);
    if (r.placement) {
      leaf(el, 'FECHA_COLOCACION', r.placement.FECHA_INICIO);
      leaf(el, 'TIPO_CONTRATO', r.placement.TIPO_CONTRATO);
      leaf(el, 'CIF_NIF_EMPRESA', r.placement.CIF_NIF_EMPRESA);
      leaf(el, 'RAZON_SOCIAL_EMPRESA', r.placement.RAZON_SOCIAL_EMPRESA);
    }
  }
  aggregates(envio, enpiAggregates(input.workers, records, input.offers));
  return finish(doc, 'enpi', input.sender, input.period, records.length);
}

/** ACCD: one DATOS_ACCION per person with their actions (I/E/O/F/M) and placement; DATOS_AGREGADOS. */
export function renderAccdFile(input: SepeWorkersFileInput): SepeFile {
  const { records, problems } = prepareSepeWorkers('accd', input.sender, input.period, input.workers);
  if (problems.length) throw new SepeDataIncompleteError(problems);
  const { doc, envio } = open('accd');
  header(envio, 'accd', input.sender, input.period);
  const acciones = envio.ele('ACCIONES_REALIZADAS');
  for (const r of records) {
    const el = acciones.ele('DATOS_ACCION');
    person(el, r);
    leaf(el, 'PERCEPTOR', r.PERCEPTOR);
    leaf(el, 'COLECTIVO_INSERCION', r.COLECTIVO_INSERCION);
    for (const a of r.ACCIONES) {
      const action = el.ele('ACCION');
      leaf(action, 'TIPO_ACCION', a.TIPO_ACCION);
      leaf(action, 'FECHA_INICIO_ACCION', a.FECHA_INICIO_ACCION);
      leaf(action, 'FECHA_FINAL_ACCION', a.FECHA_FINAL_ACCION);
    }
    leaf(el, 'COLOCACION', r.COLOCACION);
    if (r.placement) {
      leaf(el, 'TIPO_CONTRATO', r.placement.TIPO_CONTRATO);
      leaf(el, 'FECHA_INICIO_CONTRATO', r.placement.FECHA_INICIO);
      leaf(el, 'FECHA_FIN_CONTRATO', r.placement.FECHA_FIN);
      leaf(el, 'CIF_NIF_EMPRESA', r.placement.CIF_NIF_EMPRESA);
      leaf(el, 'RAZON_SOCIAL_EMPRESA', r.placement.RAZON_SOCIAL_EMPRESA);
    }
  }
  aggregates(envio, accdAggregates(input.workers, records, input.offers));
  return finish(doc, 'accd', input.sender, input.period, records.length);
}

/** ACCI: one INCIDENCIA per incident with the person in the period (monthly only). */
export function renderAcciFile(input: SepeIncidentsFileInput): SepeFile {
  const { records, problems } = prepareSepeIncidents(input.sender, input.incidents);
  if (problems.length) throw new SepeDataIncompleteError(problems);
  if (input.period.month === null) throw new Error('The ACCI file has no annual version');
  const { doc, envio } = open('acci');
  header(envio, 'acci', input.sender, input.period);
  const list = envio.ele('INCIDENCIAS_LOCALIZADAS');
  for (const r of records) {
    const el = list.ele('INCIDENCIA');
    names(el, r);
    leaf(el, 'TIPO_INCIDENCIA', r.TIPO_INCIDENCIA);
    leaf(el, 'FECHA_INCIDENCIA', r.FECHA_INCIDENCIA);
  }
  return finish(doc, 'acci', input.sender, input.period, records.length);
}
