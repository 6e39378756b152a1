import type { SepeMessages } from './es';

const sepeIt: SepeMessages = {
  sepe: {
    nav: 'File SEPE',
    title: 'File SEPE',
    intro: 'File di attività dell’agenzia per il lavoro (ENPI) di un mese o di un anno chiuso: un’azione per persona seguita nel periodo, con l’inserimento di quelle inserite.',
    period: {
      label: 'Periodo',
      kind: 'Tipo di periodo',
      month: 'Mese',
      year: 'Anno intero',
      yearLabel: 'Anno',
    },
    check: {
      title: 'Controllo dei dati',
      summary: 'Persone seguite nel periodo: {attended}; inserite: {placed}.',
      ready: 'I dati sono completi: il file si può scaricare.',
      problems: 'C’è una persona con dati da correggere prima di scaricare il file. | Ci sono {n} persone (o l’organizzazione) con dati da correggere prima di scaricare il file.',
      organisation: 'Organizzazione',
      fixData: 'Correggi in Dati',
      fixCv: 'Correggi in Formazione e lavoro',
      fixSettings: 'Vai alle impostazioni dell’organizzazione',
    },
    download: 'Scarica il file ENPI',
    downloadBlocked: 'Correggi i dati dell’elenco per poterlo scaricare.',
    downloaded: 'File {name} scaricato e annotato nel registro.',
    history: {
      title: 'File generati',
      empty: 'Non è ancora stato generato nessun file.',
      period: 'Periodo',
      annual: 'Anno {year}',
      file: 'File',
      generatedAt: 'Data',
      generatedBy: 'Generato da',
      records: 'Persone',
    },
    settings: {
      title: 'Agenzia per il lavoro (SEPE)',
      agencyCode: 'Codice di agenzia per il lavoro',
      agencyCodeHint: 'Le 10 cifre assegnate dal SEPE. Con il codice, il menu offre il file SEPE. Vuoto se l’organizzazione non è un’agenzia per il lavoro.',
    },
  },
};

export default sepeIt;
