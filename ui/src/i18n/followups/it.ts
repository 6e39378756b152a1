import type { FollowUpMessages } from './es';

const followUpsIt: FollowUpMessages = {
  followUps: {
    title: 'Follow-up',
    pendingCount: 'niente in sospeso | 1 in sospeso | {n} in sospeso',
    date: 'Data',
    time: 'Ora',
    timeHint: 'Predefinita: 9:00',
    note: 'Cosa fare',
    notePlaceholder: 'es. Chiamare per sapere come va la ricerca di lavoro',
    schedule: 'Programma',
    scheduled: 'Follow-up programmato.',
    empty: 'Nessun follow-up.',
    chases: 'nessun promemoria | 1 promemoria | {n} promemoria',
    scheduledBy: 'Programmato da {name} il {date}',
    finishedBy: '{name} · {date}',
    complete: 'Completa',
    completeTitle: 'Completa il follow-up',
    completed: 'Follow-up completato.',
    outcome: 'Esito',
    outcomePlaceholder: 'es. Ha trovato lavoro',
    outcomeNotes: 'Osservazioni',
    cancel: 'Annulla',
    cancelTitle: 'Annulla il follow-up',
    cancelReason: 'Motivo',
    cancelConfirm: 'Annulla il follow-up',
    cancelled: 'Follow-up annullato.',
    showFinished: 'Mostra completati e annullati ({n})',
    hideFinished: 'Nascondi completati e annullati',
    status: {
      scheduled: 'Programmato',
      due: 'Da fare',
      overdue: 'Scaduto',
      completed: 'Completato',
      cancelled: 'Annullato',
    },
    owner: {
      intervention: 'Intervento',
      referral: 'Invio',
      appointment: 'Appuntamento',
      job_offer: 'Offerta',
    },
  },
};

export default followUpsIt;
