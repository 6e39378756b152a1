import type { Catalogue } from './index';

export const messageMessages: Catalogue = {
  es: {
    'errors.missing_email': 'Esta persona no tiene ningún email registrado. Añádelo en la pestaña Contactos de su expediente antes de enviarlo.',
    'errors.missing_phone': 'Esta persona no tiene ningún teléfono registrado. Añádelo en la pestaña Contactos de su expediente antes de enviarlo.',
    'errors.unknown_address': 'Esa dirección no es de esta persona: elige una de su pestaña Contactos.',
    'errors.sms_disabled': 'El módulo de SMS no está activado en tu organización. Pide a un administrador que lo active.',
    'errors.sms_balance_exhausted': 'No queda saldo de SMS suficiente ({needed} segmentos necesarios, {balance} disponibles). Pide a un administrador que lo recargue.',
    'errors.no_recipients': 'Nadie de la selección puede recibir este mensaje.',
    'errors.bulk_message_not_running': 'El envío ya ha terminado.',
    'errors.messaging_unavailable': 'El envío de mensajes no está disponible ahora.',
    'input.unknown_placeholder': 'Marcador desconocido: {{{name}}}. Usa name, surname, professional u organisation.',
  },
  it: {
    'errors.missing_email': 'Questa persona non ha nessuna email registrata. Aggiungila nella scheda Contatti del suo fascicolo prima di inviare.',
    'errors.missing_phone': 'Questa persona non ha nessun telefono registrato. Aggiungilo nella scheda Contatti del suo fascicolo prima di inviare.',
    'errors.unknown_address': 'Questo indirizzo non è di questa persona: scegline uno dalla scheda Contatti.',
    'errors.sms_disabled': 'Il modulo SMS non è attivo nella tua organizzazione. Chiedi a un amministratore di attivarlo.',
    'errors.sms_balance_exhausted': 'Il credito SMS non basta ({needed} segmenti necessari, {balance} disponibili). Chiedi a un amministratore di ricaricarlo.',
    'errors.no_recipients': 'Nessuno della selezione può ricevere questo messaggio.',
    'errors.bulk_message_not_running': "L'invio è già terminato.",
    'errors.messaging_unavailable': "L'invio di messaggi non è disponibile ora.",
    'input.unknown_placeholder': 'Segnaposto sconosciuto: {{{name}}}. Usa name, surname, professional o organisation.',
  },
  en: {
    'errors.missing_email': 'This person has no email address. Add one in the Contacts tab of their file before sending.',
    'errors.missing_phone': 'This person has no phone number. Add one in the Contacts tab of their file before sending.',
    'errors.unknown_address': 'That address is not this person’s: choose one from their Contacts tab.',
    'errors.sms_disabled': 'The SMS module is not switched on in your organisation. Ask an administrator to switch it on.',
    'errors.sms_balance_exhausted': 'Not enough SMS balance ({needed} segments needed, {balance} available). Ask an administrator to top it up.',
    'errors.no_recipients': 'Nobody in the selection can receive this message.',
    'errors.bulk_message_not_running': 'The bulk send has already finished.',
    'errors.messaging_unavailable': 'Sending messages is not available now.',
    'input.unknown_placeholder': 'Unknown placeholder: {{{name}}}. Use name, surname, professional or organisation.',
  },
};
