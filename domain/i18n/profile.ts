// The user's own account: profile, password change and "forgot password" links.
import type { Catalogue } from './index';

export const profileMessages: Catalogue = {
  es: {
    'errors.reset_link_invalid': 'El enlace para restablecer la contraseña no es válido, ya se ha usado o ha caducado. Pide uno nuevo.',
    'input.wrong_password': 'La contraseña actual no es correcta.',
    'input.same_password': 'La nueva contraseña debe ser distinta de la actual.',
    'input.password_required': 'Escribe tu contraseña para firmar: tu organización la pide en cada firma.',
    'mail.password_reset.subject': 'Cauce: restablecer tu contraseña',
    'mail.password_reset.body':
      'Hola {name}:\n\nHemos recibido una petición para restablecer tu contraseña de Cauce. Para elegir una nueva, abre este enlace:\n{link}\n\nEl enlace solo sirve una vez y caduca el {expires}.\n\nSi no lo has pedido tú, ignora este mensaje: tu contraseña no cambia.',
  },
  it: {
    'errors.reset_link_invalid': 'Il link per reimpostare la password non è valido, è già stato usato o è scaduto. Richiedine uno nuovo.',
    'input.wrong_password': 'La password attuale non è corretta.',
    'input.same_password': 'La nuova password deve essere diversa da quella attuale.',
    'input.password_required': 'Scrivi la tua password per firmare: la tua organizzazione la chiede a ogni firma.',
    'mail.password_reset.subject': 'Cauce: reimposta la tua password',
    'mail.password_reset.body':
      'Ciao {name},\n\nabbiamo ricevuto una richiesta di reimpostare la tua password di Cauce. Per sceglierne una nuova, apri questo link:\n{link}\n\nIl link vale una sola volta e scade il {expires}.\n\nSe non l’hai chiesto tu, ignora questo messaggio: la tua password non cambia.',
  },
  en: {
    'errors.reset_link_invalid': 'The password reset link is not valid, has been used or has expired. Ask for a new one.',
    'input.wrong_password': 'The current password is not correct.',
    'input.same_password': 'The new password must differ from the current one.',
    'input.password_required': 'Type your password to sign: your organisation asks for it at every signature.',
    'mail.password_reset.subject': 'Cauce: reset your password',
    'mail.password_reset.body':
      'Hello {name},\n\nWe received a request to reset your Cauce password. To choose a new one, open this link:\n{link}\n\nThe link works once and expires on {expires}.\n\nIf you did not ask for it, ignore this message: your password does not change.',
  },
};
