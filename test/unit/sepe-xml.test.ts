// Every generated SEPE file is validated against the project's XSD with xmllint (WebAssembly
// build of libxml2's validator): a period with placements, one with nobody attended, the annual
// file, ACCD and ACCI; and files broken on purpose fail, so the validation is known to bite.
import { describe, expect, it } from 'vitest';
import { parseSepePeriod, type SepePeriod } from '../../domain/sepe/period';
import { renderAccdFile, renderAcciFile, renderEnpiFile, SepeDataIncompleteError } from '../../documents/sepe/files';
import { validateSepeXml } from '../../platform/sepe-xml-validator';
import { sha256Hex } from '../../security/tokens';
import { sepeOffers, sepeWorker, sepeWorkers } from '../../support/sepe-fixtures';

const TODAY = '2026-12-07';
function period(code: string, kind: 'enpi' | 'accd' | 'acci' = 'enpi'): SepePeriod {
  const p = parseSepePeriod(code, kind, TODAY);
  if (!p.ok) throw new Error(`${code}: ${p.problem}`);
  return p.period;
}
const enpiSender = { agencyCode: '9900000001' };
const convenio = { agencyCode: '9900000001', agreementCode: '99CONV0001' };
const latin1 = (b: Buffer) => b.toString('latin1');
/** The text of every `name` element, in order. */
const values = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
const total = (xml: string, name: string) => Number(values(xml, name)[0]);

describe('[sepe] ENPI file (XML_ENPI v1.1)', () => {
  it('a month with placements: one ACCION per person, placement data for those placed, totals from the same people, valid against the XSD', async () => {
    const workers = sepeWorkers(30);
    const file = renderEnpiFile({ sender: enpiSender, period: period('202603'), workers, offers: sepeOffers });
    const xml = latin1(file.content);

    expect(xml.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>')).toBe(true);
    expect(xml).toContain('<ENVIO_ENPI xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="XML_ENPI_v1.1.xsd">');
    // AÑO_MES_ENVIO's Ñ is the single Latin-1 byte 0xD1, not UTF-8's C3 91.
    expect(file.content.includes(Buffer.from([0x41, 0xd1, 0x4f]))).toBe(true);
    expect(file.content.includes(Buffer.from('AÑO', 'utf8'))).toBe(false);
    expect(values(xml, 'AÑO_MES_ENVIO')).toEqual(['202603']);
    expect(file.fileName).toBe('ENPI_9900000001_202603.xml');
    // The record of files generated keeps the hash of the bytes downloaded.
    expect(file.sha256).toBe(sha256Hex(file.content));
    expect(file.sha256).not.toBe(renderEnpiFile({ sender: enpiSender, period: period('202603'), workers: workers.slice(1), offers: sepeOffers }).sha256);

    expect(values(xml, 'ID_TRABAJADOR')).toHaveLength(30);
    const placed = workers.filter((w) => w.placement);
    expect(values(xml, 'COLOCACION').filter((v) => v === 'S')).toHaveLength(placed.length);
    expect(values(xml, 'FECHA_COLOCACION')).toEqual(placed.map((w) => w.placement!.date!.replace(/-/g, '')));
    expect(new Set(values(xml, 'TIPO_CONTRATO'))).toEqual(new Set(['001', '003', '401', '501']));
    expect(values(xml, 'NOMBRE_TRABAJADOR')).toContain('Begoña');

    expect(total(xml, 'TOTAL_PERSONAS')).toBe(30);
    expect(total(xml, 'TOTAL_NUEVAS_REGISTRADAS')).toBe(workers.filter((w) => w.registeredInPeriod).length);
    expect(total(xml, 'TOTAL_PERSONAS_PERCEPTORES')).toBe(15);
    expect(total(xml, 'TOTAL_PERSONAS_INSERCION')).toBe(5);
    expect(total(xml, 'TOTAL_OFERTAS')).toBe(sepeOffers.offers);
    expect(total(xml, 'TOTAL_OFERTAS_ENVIADAS')).toBe(sepeOffers.personsSentToOffers);
    expect(total(xml, 'TOTAL_PUESTOS')).toBe(sepeOffers.posts);
    expect(total(xml, 'TOTAL_CONTRATOS')).toBe(10);
    expect(total(xml, 'TOTAL_CONTRATOS_INDEFINIDOS')).toBe(placed.filter((w) => !w.placement!.contractType!.startsWith('temporary')).length);
    expect(total(xml, 'TOTAL_PERSONAS_COLOCADAS')).toBe(10);

    expect(await validateSepeXml(file.content, 'enpi')).toEqual({ valid: true, errors: [] });
  });

  it('a month with nobody attended: an empty ACCIONES_REALIZADAS and zero person totals, still valid', async () => {
    const file = renderEnpiFile({ sender: enpiSender, period: period('202511'), workers: [], offers: { offers: 0, offersFilled: 0, posts: 0, postsFilled: 0, personsSentToOffers: 0 } });
    const xml = latin1(file.content);
    expect(xml).toContain('<ACCIONES_REALIZADAS/>');
    expect(values(xml, 'ACCION')).toEqual([]);
    expect(total(xml, 'TOTAL_PERSONAS')).toBe(0);
    expect(total(xml, 'TOTAL_PERSONAS_COLOCADAS')).toBe(0);
    expect(file.records).toBe(0);
    expect(await validateSepeXml(file.content, 'enpi')).toEqual({ valid: true, errors: [] });
  });

  it('the annual file (YYYY99) is valid', async () => {
    const file = renderEnpiFile({ sender: enpiSender, period: period('202599'), workers: sepeWorkers(12, '2025-06'), offers: sepeOffers });
    expect(values(latin1(file.content), 'AÑO_MES_ENVIO')).toEqual(['202599']);
    expect(file.fileName).toBe('ENPI_9900000001_202599.xml');
    expect(await validateSepeXml(file.content, 'enpi')).toEqual({ valid: true, errors: [] });
  });

  it('names outside Latin-1 and an employer with & and < are written so the file stays valid', async () => {
    const w = { ...sepeWorker(3), name: 'Łucja Ștefania', surname1: 'Dvořák “Kowalska”', placement: { ...sepeWorker(3).placement!, employerName: 'Hijos & Nietos <S.L.>' } };
    const file = renderEnpiFile({ sender: enpiSender, period: period('202603'), workers: [w], offers: sepeOffers });
    const xml = latin1(file.content);
    expect(values(xml, 'NOMBRE_TRABAJADOR')).toEqual(['Lucja Stefania']);
    expect(values(xml, 'APELLIDO1_TRABAJADOR')).toEqual(['Dvorák "Kowalska"']);
    expect(values(xml, 'RAZON_SOCIAL_EMPRESA')).toEqual(['Hijos &amp; Nietos &lt;S.L.&gt;']);
    expect(await validateSepeXml(file.content, 'enpi')).toEqual({ valid: true, errors: [] });
  });

  it('incomplete data is refused before any XML is written, with the list of problems', () => {
    const workers = [sepeWorker(1), { ...sepeWorker(2), id: null }, { ...sepeWorker(3), placement: { ...sepeWorker(3).placement!, contractType: null } }];
    let error: unknown;
    try {
      renderEnpiFile({ sender: enpiSender, period: period('202603'), workers, offers: sepeOffers });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SepeDataIncompleteError);
    expect((error as SepeDataIncompleteError).problems.map((p) => [p.personId, p.code])).toEqual([
      ['person-2', 'worker_id_missing'],
      ['person-3', 'placement_contract_type_missing'],
    ]);
  });
});

describe('[sepe] the XSD validation catches invalid files', () => {
  const good = () => renderEnpiFile({ sender: enpiSender, period: period('202603'), workers: sepeWorkers(4), offers: sepeOffers }).content;
  const edit = (content: Buffer, from: RegExp, to: string) => Buffer.from(latin1(content).replace(from, to), 'latin1');

  it('a worker id that is not a NIF/NIE fails on ID_TRABAJADOR', async () => {
    const result = await validateSepeXml(edit(good(), /<ID_TRABAJADOR>[^<]*</, '<ID_TRABAJADOR>AB1234567<'), 'enpi');
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/ID_TRABAJADOR.*pattern/);
  });

  it('an ACCD contract code in an ENPI file, a missing aggregate, a lower-case flag and an annual ACCI all fail', async () => {
    expect((await validateSepeXml(edit(good(), /<TIPO_CONTRATO>[^<]*</, '<TIPO_CONTRATO>002<'), 'enpi')).errors.join('\n')).toMatch(/TIPO_CONTRATO/);
    expect((await validateSepeXml(edit(good(), /<TOTAL_PUESTOS>[^<]*<\/TOTAL_PUESTOS>/, ''), 'enpi')).errors.join('\n')).toMatch(/TOTAL_PUESTOS_CUBIERTOS.*Expected is \( TOTAL_PUESTOS \)/);
    expect((await validateSepeXml(edit(good(), /<DISCAPACIDAD>N</, '<DISCAPACIDAD>n<'), 'enpi')).valid).toBe(false);
    const acci = renderAcciFile({ sender: convenio, period: period('202603', 'acci'), incidents: [] }).content;
    expect((await validateSepeXml(edit(acci, /202603/, '202599'), 'acci')).errors.join('\n')).toMatch(/AÑO_MES_ENVIO/);
  });

  it('the same file written as UTF-8 under its ISO-8859-1 declaration fails', async () => {
    const utf8 = Buffer.from(latin1(good()), 'utf8');
    expect((await validateSepeXml(utf8, 'enpi')).valid).toBe(false);
  });
});

describe('[sepe] ACCD and ACCI files (convenio)', () => {
  it('ACCD: one DATOS_ACCION per person with actions, ACCD contract codes, an empty end date for open contracts, valid', async () => {
    const workers = sepeWorkers(30);
    const file = renderAccdFile({ sender: convenio, period: period('202603', 'accd'), workers, offers: sepeOffers });
    const xml = latin1(file.content);
    expect(xml).toContain('xsi:noNamespaceSchemaLocation="XML_ACCD_v0.xsd"');
    expect(values(xml, 'TIPO_FICHERO')).toEqual(['ACCD']);
    expect(values(xml, 'CODIGO_CONVENIO')).toEqual(['99CONV0001']);
    expect(values(xml, 'ID_TRABAJADOR')).toHaveLength(30);
    expect(new Set(values(xml, 'TIPO_CONTRATO'))).toEqual(new Set(['001', '002', '003', '004', '005']));
    expect(xml).toContain('<FECHA_FIN_CONTRATO/>');
    expect(total(xml, 'TOTAL_PERSONAS_ATENDIDAS')).toBe(30);
    expect(total(xml, 'TOTAL_PERSONAS_ACCIONES')).toBe(30);
    expect(total(xml, 'TOTAL_PERSONAS_ACCIONES_ORIENTACION')).toBe(30);
    expect(total(xml, 'TOTAL_PERSONAS_ACCIONES_FORMACION')).toBe(15);
    expect(total(xml, 'TOTAL_PERSONAS_ACCIONES_INFORMACION')).toBe(0);
    expect(total(xml, 'TOTAL_PERSONAS_ENVIADAS')).toBe(sepeOffers.personsSentToOffers);
    expect(await validateSepeXml(file.content, 'accd')).toEqual({ valid: true, errors: [] });
  });

  it('ACCD annual file is valid', async () => {
    const file = renderAccdFile({ sender: convenio, period: period('202599', 'accd'), workers: sepeWorkers(6, '2025-10'), offers: sepeOffers });
    expect(await validateSepeXml(file.content, 'accd')).toEqual({ valid: true, errors: [] });
  });

  it('ACCI: one INCIDENCIA per incident, under a UTE agency code, valid; empty month valid too', async () => {
    const incidents = [
      { person: sepeWorker(1), type: 'I01' as const, date: '2026-03-04' },
      { person: sepeWorker(5), type: 'Z03' as const, date: '2026-03-20' },
    ];
    const file = renderAcciFile({ sender: { agencyCode: 'UT00000001', agreementCode: '99CONV0001' }, period: period('202603', 'acci'), incidents });
    const xml = latin1(file.content);
    expect(xml).toContain('xsi:noNamespaceSchemaLocation="XML_ACCI_v0.xsd"');
    expect(values(xml, 'TIPO_FICHERO')).toEqual(['ACCI']);
    expect(values(xml, 'TIPO_INCIDENCIA')).toEqual(['I01', 'Z03']);
    expect(values(xml, 'FECHA_INCIDENCIA')).toEqual(['20260304', '20260320']);
    expect(await validateSepeXml(file.content, 'acci')).toEqual({ valid: true, errors: [] });
    const empty = renderAcciFile({ sender: convenio, period: period('202602', 'acci'), incidents: [] });
    expect(await validateSepeXml(empty.content, 'acci')).toEqual({ valid: true, errors: [] });
  });
});
