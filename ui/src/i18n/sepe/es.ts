import type { CatalogueShape } from '../shape';
// Texts of the SEPE file page (source) and the agency code in the organisation settings.
const sepeEs = {
  sepe: {
    nav: 'Fichero SEPE',
    title: 'Fichero SEPE',
    intro: 'Fichero de actividad de la agencia de colocación (ENPI) de un mes o de un año cerrado: una acción por persona atendida en el periodo, con la colocación de las insertadas.',
    period: {
      label: 'Periodo',
      kind: 'Tipo de periodo',
      month: 'Mes',
      year: 'Año completo',
      yearLabel: 'Año',
    },
    check: {
      title: 'Comprobación de datos',
      summary: 'Personas atendidas en el periodo: {attended}; colocadas: {placed}.',
      ready: 'Los datos están completos: el fichero se puede descargar.',
      problems: 'Hay una persona con datos que corregir antes de descargar el fichero. | Hay {n} personas (u organización) con datos que corregir antes de descargar el fichero.',
      organisation: 'Organización',
      fixData: 'Corregir en Datos',
      fixCv: 'Corregir en Formación y empleo',
      fixSettings: 'Ir a la configuración de la organización',
    },
    download: 'Descargar fichero ENPI',
    downloadBlocked: 'Corrige los datos de la lista para poder descargarlo.',
    downloaded: 'Fichero {name} descargado y anotado en el registro.',
    history: {
      title: 'Ficheros generados',
      empty: 'Aún no se ha generado ningún fichero.',
      period: 'Periodo',
      annual: 'Año {year}',
      file: 'Fichero',
      generatedAt: 'Fecha',
      generatedBy: 'Generado por',
      records: 'Personas',
    },
    settings: {
      title: 'Agencia de colocación (SEPE)',
      agencyCode: 'Código de agencia de colocación',
      agencyCodeHint: 'Los 10 dígitos que asigna el SEPE. Con él, el menú ofrece el fichero SEPE. Vacío si la organización no es agencia de colocación.',
    },
  },
};

export default sepeEs;

export type SepeMessages = CatalogueShape<typeof sepeEs>;
