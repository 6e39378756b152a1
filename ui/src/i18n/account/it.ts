import type { MessageSchema } from '../es';

const accountIt: Pick<MessageSchema, 'shell' | 'profile' | 'passwordReset' | 'dateInput'> = {
  shell: {
    openMenu: 'Apri il menu',
    closeMenu: 'Chiudi il menu',
    userMenu: 'Menu di {name}',
    profile: 'Il mio profilo',
  },
  profile: {
    title: 'Il mio profilo',
    subtitle: 'La tua lingua, il tuo ruolo, gli avvisi per email e la tua password.',
    preferences: 'Preferenze',
    language: 'Lingua dell’applicazione, delle email e dei PDF',
    jobTitle: 'Qualifica',
    jobTitleHint: 'Compare sotto la tua firma nei documenti firmati.',
    emailNotifications: 'Ricevere avvisi per email',
    saved: 'Profilo salvato.',
    passwordTitle: 'Cambiare la password',
    currentPassword: 'Password attuale',
    newPassword: 'Nuova password',
    repeatPassword: 'Ripeti la nuova password',
    passwordMismatch: 'Le password non coincidono.',
    passwordTooShort: 'Almeno {n} caratteri.',
    changePassword: 'Cambia la password',
    passwordChanged: 'Password cambiata. Le tue altre sessioni sono state chiuse.',
    wrongPassword: 'La password attuale non è corretta.',
    samePassword: 'La nuova password deve essere diversa da quella attuale.',
  },
  passwordReset: {
    forgotLink: 'Hai dimenticato la password?',
    requestTitle: 'Recuperare la password',
    requestText: 'Scrivi l’email del tuo account e ti invieremo un link per scegliere una nuova password. Il link vale un’ora e si usa una sola volta.',
    email: 'Email',
    send: 'Invia il link',
    sent: 'Se esiste un account con questa email, il link è in arrivo. Controlla la tua casella di posta.',
    backToLogin: 'Torna all’accesso',
    resetTitle: 'Scegliere una nuova password',
    resetFor: 'Per l’account {email}.',
    save: 'Salva la password',
    done: 'Password cambiata. Ora puoi accedere.',
    expired: 'Questo link è già stato usato, è scaduto o ne esiste uno più recente. Richiedine uno nuovo.',
    askAgain: 'Richiedi un nuovo link',
  },
  dateInput: {
    outOfRange: 'Scrivi una data tra {min} e {max}.',
  },
};

export default accountIt;
