import type { FollowUpMessages } from './es';

const followUpsEn: FollowUpMessages = {
  followUps: {
    title: 'Follow-ups',
    pendingCount: 'nothing pending | 1 pending | {n} pending',
    date: 'Date',
    time: 'Time',
    timeHint: 'Default: 9:00',
    note: 'What to do',
    notePlaceholder: 'e.g. Call to see how the job search is going',
    schedule: 'Schedule',
    scheduled: 'Follow-up scheduled.',
    empty: 'No follow-ups.',
    chases: 'no reminders | 1 reminder | {n} reminders',
    scheduledBy: 'Scheduled by {name} on {date}',
    finishedBy: '{name} · {date}',
    complete: 'Complete',
    completeTitle: 'Complete the follow-up',
    completed: 'Follow-up completed.',
    outcome: 'Outcome',
    outcomePlaceholder: 'e.g. Found a job',
    outcomeNotes: 'Notes',
    cancel: 'Cancel',
    cancelTitle: 'Cancel the follow-up',
    cancelReason: 'Reason',
    cancelConfirm: 'Cancel the follow-up',
    cancelled: 'Follow-up cancelled.',
    showFinished: 'Show completed and cancelled ({n})',
    hideFinished: 'Hide completed and cancelled',
    status: {
      scheduled: 'Scheduled',
      due: 'Due',
      overdue: 'Overdue',
      completed: 'Completed',
      cancelled: 'Cancelled',
    },
    owner: {
      intervention: 'Intervention',
      referral: 'Referral',
      appointment: 'Appointment',
      job_offer: 'Job offer',
    },
  },
};

export default followUpsEn;
