import type { CatalogueShape } from '../shape';
// Texts of follow-ups, which any case can own (interventions today; referrals, appointments
// and job offers next): the card, the statuses and the owner kinds (source).
const followUpsEs = {
  followUps: {
    title: 'Seguimientos',
    pendingCount: 'nada pendiente | 1 pendiente | {n} pendientes',
    date: 'Fecha',
    time: 'Hora',
    timeHint: 'Por defecto, 9:00',
    note: 'Qué hay que hacer',
    notePlaceholder: 'p. ej. Llamar para ver cómo va la búsqueda de empleo',
    schedule: 'Programar',
    scheduled: 'Seguimiento programado.',
    empty: 'No hay seguimientos.',
    chases: 'sin recordatorios | 1 recordatorio | {n} recordatorios',
    scheduledBy: 'Programado por {name} el {date}',
    finishedBy: '{name} · {date}',
    complete: 'Completar',
    completeTitle: 'Completar el seguimiento',
    completed: 'Seguimiento completado.',
    outcome: 'Resultado',
    outcomePlaceholder: 'p. ej. Ha encontrado trabajo',
    outcomeNotes: 'Observaciones',
    cancel: 'Cancelar',
    cancelTitle: 'Cancelar el seguimiento',
    cancelReason: 'Motivo',
    cancelConfirm: 'Cancelar el seguimiento',
    cancelled: 'Seguimiento cancelado.',
    showFinished: 'Ver completados y cancelados ({n})',
    hideFinished: 'Ocultar completados y cancelados',
    status: {
      scheduled: 'Programado',
      due: 'Por hacer',
      overdue: 'Vencido',
      completed: 'Completado',
      cancelled: 'Cancelado',
    },
    owner: {
      intervention: 'Intervención',
      referral: 'Derivación',
      appointment: 'Cita',
      job_offer: 'Oferta',
    },
  },
};

export default followUpsEs;

export type FollowUpMessages = CatalogueShape<typeof followUpsEs>;
