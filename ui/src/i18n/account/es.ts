// Texts of the shell on small screens, the user's own page (profile, password) and shared
// checks such as date ranges (source).
const accountEs = {
  shell: {
    openMenu: 'Abrir el menú',
    closeMenu: 'Cerrar el menú',
    userMenu: 'Menú de {name}',
    profile: 'Mi perfil',
  },
  profile: {
    title: 'Mi perfil',
    subtitle: 'Tu idioma, tu cargo, los avisos por correo y tu contraseña.',
    preferences: 'Preferencias',
    language: 'Idioma de la aplicación, los correos y los PDF',
    jobTitle: 'Cargo',
    jobTitleHint: 'Aparece bajo tu firma en los documentos firmados.',
    emailNotifications: 'Recibir avisos por correo',
    saved: 'Perfil guardado.',
    passwordTitle: 'Cambiar la contraseña',
    currentPassword: 'Contraseña actual',
    newPassword: 'Contraseña nueva',
    repeatPassword: 'Repite la contraseña nueva',
    passwordMismatch: 'Las contraseñas no coinciden.',
    passwordTooShort: 'Al menos {n} caracteres.',
    changePassword: 'Cambiar la contraseña',
    passwordChanged: 'Contraseña cambiada. Se han cerrado tus otras sesiones.',
    wrongPassword: 'La contraseña actual no es correcta.',
    samePassword: 'La contraseña nueva debe ser distinta de la actual.',
  },
  passwordReset: {
    forgotLink: '¿Has olvidado tu contraseña?',
    requestTitle: 'Recuperar la contraseña',
    requestText: 'Escribe el correo de tu cuenta y te enviaremos un enlace para elegir una contraseña nueva. El enlace vale una hora y se usa una sola vez.',
    email: 'Correo electrónico',
    send: 'Enviar el enlace',
    sent: 'Si hay una cuenta con ese correo, el enlace está en camino. Revisa tu bandeja de entrada.',
    backToLogin: 'Volver a iniciar sesión',
    resetTitle: 'Elegir una contraseña nueva',
    resetFor: 'Para la cuenta {email}.',
    save: 'Guardar la contraseña',
    done: 'Contraseña cambiada. Ya puedes iniciar sesión.',
    expired: 'Este enlace ya se ha usado, ha caducado o hay otro más reciente. Pide uno nuevo.',
    askAgain: 'Pedir un enlace nuevo',
  },
  dateInput: {
    outOfRange: 'Escribe una fecha entre {min} y {max}.',
  },
};

export default accountEs;
