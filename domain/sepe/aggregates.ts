/**
 * DATOS_AGREGADOS of the ENPI and ACCD files. What is about the people attended is counted from
 * the same records as the file's ACCION elements, so the two can never disagree; what is about
 * offers and posts (no SEPE element lists them one by one) is counted by the caller from the job
 * offers and handed in.
 */
import type { SepeWorker, SepeWorkerRecord } from './records';

/** Counts from the job offers of the period, supplied by the caller. */
export interface SepeOfferCounts {
  /** Offers captured through intermediation (TOTAL_OFERTAS). */
  offers: number;
  /** Offers filled with people attended (TOTAL_OFERTAS_CUBIERTAS). */
  offersFilled: number;
  /** Posts (vacancies) captured (TOTAL_PUESTOS). */
  posts: number;
  /** Posts filled with people attended (TOTAL_PUESTOS_CUBIERTOS). */
  postsFilled: number;
  /** People sent to offers (ENPI's TOTAL_OFERTAS_ENVIADAS, ACCD's TOTAL_PERSONAS_ENVIADAS). */
  personsSentToOffers: number;
}

/** xs:int: what the schema can carry. */
const XS_INT_MAX = 2_147_483_647;
function checked(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > XS_INT_MAX) throw new RangeError(`${name} must be a whole number from 0 to ${XS_INT_MAX}, not ${value}`);
  return value;
}

/** Element name and value, in the schema's order. */
export type SepeAggregates = Array<[string, number]>;

function personCounts(workers: SepeWorker[], records: SepeWorkerRecord[]) {
  const placed = records.filter((r) => r.placement);
  return {
    persons: records.length,
    benefit: workers.filter((w) => w.benefitRecipient).length,
    insertion: workers.filter((w) => w.insertionGroup).length,
    contracts: placed.length,
    permanent: placed.filter((r) => r.placement!.permanent).length,
    placed: placed.length,
  };
}

export function enpiAggregates(workers: SepeWorker[], records: SepeWorkerRecord[], offers: SepeOfferCounts): SepeAggregates {
  const n = personCounts(workers, records);
  const list: SepeAggregates = [
    ['TOTAL_PERSONAS', n.persons],
    ['TOTAL_NUEVAS_REGISTRADAS', workers.filter((w) => w.registeredInPeriod).length],
    ['TOTAL_PERSONAS_PERCEPTORES', n.benefit],
    ['TOTAL_PERSONAS_INSERCION', n.insertion],
    ['TOTAL_OFERTAS', offers.offers],
    ['TOTAL_OFERTAS_ENVIADAS', offers.personsSentToOffers],
    ['TOTAL_OFERTAS_CUBIERTAS', offers.offersFilled],
    ['TOTAL_PUESTOS', offers.posts],
    ['TOTAL_PUESTOS_CUBIERTOS', offers.postsFilled],
    ['TOTAL_CONTRATOS', n.contracts],
    ['TOTAL_CONTRATOS_INDEFINIDOS', n.permanent],
    ['TOTAL_PERSONAS_COLOCADAS', n.placed],
  ];
  return list.map(([name, value]) => [name, checked(name, value)]);
}

export function accdAggregates(workers: SepeWorker[], records: SepeWorkerRecord[], offers: SepeOfferCounts): SepeAggregates {
  const n = personCounts(workers, records);
  const withAction = (type?: string) => records.filter((r) => r.ACCIONES.some((a) => !type || a.TIPO_ACCION === type)).length;
  const list: SepeAggregates = [
    ['TOTAL_PERSONAS_ATENDIDAS', n.persons],
    ['TOTAL_PERSONAS_PERCEPTORES', n.benefit],
    ['TOTAL_PERSONAS_INSERCION', n.insertion],
    ['TOTAL_OFERTAS', offers.offers],
    ['TOTAL_PUESTOS', offers.posts],
    ['TOTAL_OFERTAS_CUBIERTAS', offers.offersFilled],
    ['TOTAL_PUESTOS_CUBIERTOS', offers.postsFilled],
    ['TOTAL_CONTRATOS', n.contracts],
    ['TOTAL_CONTRATOS_INDEFINIDOS', n.permanent],
    ['TOTAL_PERSONAS_ENVIADAS', offers.personsSentToOffers],
    ['TOTAL_PERSONAS_COLOCADAS', n.placed],
    ['TOTAL_PERSONAS_ACCIONES', withAction()],
    ['TOTAL_PERSONAS_ACCIONES_ORIENTACION', withAction('O')],
    ['TOTAL_PERSONAS_ACCIONES_INFORMACION', withAction('I')],
    ['TOTAL_PERSONAS_ACCIONES_FORMACION', withAction('F')],
  ];
  return list.map(([name, value]) => [name, checked(name, value)]);
}
