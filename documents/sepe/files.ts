/**
 * The SEPE files an agencia de colocación sends: ENPI (XML_ENPI v1.1, the monthly or annual
 * activity report) and, under a convenio, ACCD (actions per person) and ACCI (incidents). Built
 * from typed records (domain/sepe) by a small writer (element names are this file's constants,
 * text is escaped; xmlbuilder2 was tried and took 1.7 s with its tree builder and 10 s with its
 * callback one for 10,000 people, against tens of milliseconds here), and written as ISO-8859-1 bytes: the encoding the schemas declare, and the
 * one that can carry the Ñ of AÑO_MES_ENVIO as SEPE reads it. Every generated file is checked
 * against its XSD in the tests (platform/sepe-xml-validator.ts).
 */
import { createHash } from 'node:crypto';
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
  /** SHA-256 of `content`, hex: the record of files generated keeps it with the period, who and when. */
  sha256: string;
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

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Indented XML text, element by element; an element closed with nothing inside is written <X/>. */
class XmlWriter {
  private readonly out: string[] = ['<?xml version="1.0" encoding="ISO-8859-1"?>\n'];
  private readonly open: Array<{ name: string; at: number }> = [];
  private pad = () => '  '.repeat(this.open.length);

  start(name: string, attributes = ''): this {
    this.out.push(`${this.pad()}<${name}${attributes}>\n`);
    this.open.push({ name, at: this.out.length });
    return this;
  }

  /** `<name>value</name>`; an empty value is `<name/>`, which the 0-length fields take. */
  leaf(name: string, value: string | number): this {
    const text = String(value);
    this.out.push(text === '' ? `${this.pad()}<${name}/>\n` : `${this.pad()}<${name}>${escapeText(text)}</${name}>\n`);
    return this;
  }

  end(): this {
    const { name, at } = this.open.pop()!;
    if (this.out.length === at) this.out[at - 1] = this.out[at - 1].replace(/>\n$/, '/>\n');
    else this.out.push(`${this.pad()}</${name}>\n`);
    return this;
  }

  text(): string {
    while (this.open.length) this.end();
    return this.out.join('');
  }
}

/** The declaration, the root with its schema, ENVIO_MENSUAL open, and the header fields. */
function open(kind: SepeFileKind, sender: SepeSender, period: SepePeriod): XmlWriter {
  const xml = new XmlWriter()
    .start(sepeRootElement[kind], ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="${sepeSchemaFile[kind]}"`)
    .start('ENVIO_MENSUAL');
  if (kind !== 'enpi') xml.leaf('TIPO_FICHERO', kind.toUpperCase()).leaf('CODIGO_CONVENIO', sender.agreementCode!.trim());
  return xml.leaf('CODIGO_AGENCIA', sender.agencyCode!.trim()).leaf('AÑO_MES_ENVIO', period.code);
}

function names(el: XmlWriter, r: SepeNameRecord) {
  el.leaf('ID_TRABAJADOR', r.ID_TRABAJADOR);
  el.leaf('NOMBRE_TRABAJADOR', r.NOMBRE_TRABAJADOR);
  el.leaf('APELLIDO1_TRABAJADOR', r.APELLIDO1_TRABAJADOR);
  el.leaf('APELLIDO2_TRABAJADOR', r.APELLIDO2_TRABAJADOR);
}

function person(el: XmlWriter, r: SepeWorkerRecord) {
  names(el, r);
  el.leaf('FECHA_NACIMIENTO', r.FECHA_NACIMIENTO);
  el.leaf('SEXO_TRABAJADOR', r.SEXO_TRABAJADOR);
  el.leaf('NIVEL_FORMATIVO', r.NIVEL_FORMATIVO);
  el.leaf('DISCAPACIDAD', r.DISCAPACIDAD);
  el.leaf('INMIGRANTE', r.INMIGRANTE);
}

function aggregates(xml: XmlWriter, list: SepeAggregates) {
  xml.start('DATOS_AGREGADOS');
  for (const [name, value] of list) xml.leaf(name, value);
  xml.end();
}

/** ISO-8859-1 bytes of the document: texts were made Latin-1 by domain/sepe, and so are the element names. */
function finish(writer: XmlWriter, kind: SepeFileKind, sender: SepeSender, period: SepePeriod, records: number): SepeFile {
  const xml = writer.text();
  const outside = /[\u0100-\uffff]/.exec(xml);
  if (outside) throw new Error(`SEPE ${kind} file: character U+${outside[0].codePointAt(0)!.toString(16).toUpperCase()} is not ISO-8859-1`);
  const content = Buffer.from(xml, 'latin1');
  return {
    kind,
    period: period.code,
    fileName: `${kind.toUpperCase()}_${sender.agencyCode!.trim()}_${period.code}.xml`,
    mediaType: 'application/xml',
    content,
    records,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}

/** The ENPI and ACCD files share all but each person's element and the aggregates. */
function renderWorkersFile(
  kind: 'enpi' | 'accd',
  input: SepeWorkersFileInput,
  element: string,
  body: (xml: XmlWriter, r: SepeWorkerRecord) => void,
  totals: typeof enpiAggregates,
): SepeFile {
  const { records, problems } = prepareSepeWorkers(kind, input.sender, input.period, input.workers);
  if (problems.length) throw new SepeDataIncompleteError(problems);
  const xml = open(kind, input.sender, input.period);
  xml.start('ACCIONES_REALIZADAS');
  for (const r of records) {
    xml.start(element);
    person(xml, r);
    body(xml, r);
    xml.end();
  }
  xml.end();
  aggregates(xml, totals(input.workers, records, input.offers));
  return finish(xml, kind, input.sender, input.period, records.length);
}

/**
 * ENPI: one ACCION per person attended, with the placement of those placed, and DATOS_AGREGADOS
 * counted from the same people plus the offers' counts. Throws SepeDataIncompleteError when the
 * data would make the file invalid (check first with checkSepeWorkersFile to list the problems).
 */
export function renderEnpiFile(input: SepeWorkersFileInput): SepeFile {
  return renderWorkersFile(
    'enpi',
    input,
    'ACCION',
    (xml, r) => {
      xml.leaf('COLOCACION', r.COLOCACION);
      if (!r.placement) return;
      xml.leaf('FECHA_COLOCACION', r.placement.FECHA_INICIO).leaf('TIPO_CONTRATO', r.placement.TIPO_CONTRATO);
      xml.leaf('CIF_NIF_EMPRESA', r.placement.CIF_NIF_EMPRESA).leaf('RAZON_SOCIAL_EMPRESA', r.placement.RAZON_SOCIAL_EMPRESA);
    },
    enpiAggregates,
  );
}

/** ACCD: one DATOS_ACCION per person with their actions (I/E/O/F/M) and placement; DATOS_AGREGADOS. Throws like renderEnpiFile. */
export function renderAccdFile(input: SepeWorkersFileInput): SepeFile {
  return renderWorkersFile(
    'accd',
    input,
    'DATOS_ACCION',
    (xml, r) => {
      xml.leaf('PERCEPTOR', r.PERCEPTOR).leaf('COLECTIVO_INSERCION', r.COLECTIVO_INSERCION);
      for (const a of r.ACCIONES) {
        xml.start('ACCION').leaf('TIPO_ACCION', a.TIPO_ACCION).leaf('FECHA_INICIO_ACCION', a.FECHA_INICIO_ACCION).leaf('FECHA_FINAL_ACCION', a.FECHA_FINAL_ACCION).end();
      }
      xml.leaf('COLOCACION', r.COLOCACION);
      if (!r.placement) return;
      xml.leaf('TIPO_CONTRATO', r.placement.TIPO_CONTRATO).leaf('FECHA_INICIO_CONTRATO', r.placement.FECHA_INICIO).leaf('FECHA_FIN_CONTRATO', r.placement.FECHA_FIN);
      xml.leaf('CIF_NIF_EMPRESA', r.placement.CIF_NIF_EMPRESA).leaf('RAZON_SOCIAL_EMPRESA', r.placement.RAZON_SOCIAL_EMPRESA);
    },
    accdAggregates,
  );
}

/** ACCI: one INCIDENCIA per incident with the person in the period (monthly only). */
export function renderAcciFile(input: SepeIncidentsFileInput): SepeFile {
  const { records, problems } = prepareSepeIncidents(input.sender, input.incidents);
  if (problems.length) throw new SepeDataIncompleteError(problems);
  if (input.period.month === null) throw new Error('The ACCI file has no annual version');
  const xml = open('acci', input.sender, input.period);
  xml.start('INCIDENCIAS_LOCALIZADAS');
  for (const r of records) {
    xml.start('INCIDENCIA');
    names(xml, r);
    xml.leaf('TIPO_INCIDENCIA', r.TIPO_INCIDENCIA);
    xml.leaf('FECHA_INCIDENCIA', r.FECHA_INCIDENCIA);
    xml.end();
  }
  xml.end();
  return finish(xml, 'acci', input.sender, input.period, records.length);
}
