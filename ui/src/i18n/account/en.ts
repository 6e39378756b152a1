import type { MessageSchema } from '../es';

const accountEn: Pick<MessageSchema, 'shell' | 'profile' | 'passwordReset' | 'dateInput'> = {
  shell: {
    openMenu: 'Open the menu',
    closeMenu: 'Close the menu',
    userMenu: 'Menu of {name}',
    profile: 'My profile',
  },
  profile: {
    title: 'My profile',
    subtitle: 'Your language, job title, email notifications and password.',
    preferences: 'Preferences',
    language: 'Language of the app, emails and PDFs',
    jobTitle: 'Job title',
    jobTitleHint: 'Printed under your signature on signed documents.',
    emailNotifications: 'Receive notifications by email',
    saved: 'Profile saved.',
    passwordTitle: 'Change the password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    repeatPassword: 'Repeat the new password',
    passwordMismatch: 'The passwords do not match.',
    passwordTooShort: 'At least {n} characters.',
    changePassword: 'Change the password',
    passwordChanged: 'Password changed. Your other sessions have been closed.',
    wrongPassword: 'The current password is not correct.',
    samePassword: 'The new password must differ from the current one.',
  },
  passwordReset: {
    forgotLink: 'Forgot your password?',
    requestTitle: 'Recover your password',
    requestText: 'Type the email of your account and we will send you a link to choose a new password. The link is valid for one hour and works once.',
    email: 'Email',
    send: 'Send the link',
    sent: 'If there is an account with that email, the link is on its way. Check your inbox.',
    backToLogin: 'Back to sign in',
    resetTitle: 'Choose a new password',
    resetFor: 'For the account {email}.',
    save: 'Save the password',
    done: 'Password changed. You can sign in now.',
    expired: 'This link has been used, has expired or a newer one was sent. Ask for a new one.',
    askAgain: 'Ask for a new link',
  },
  dateInput: {
    outOfRange: 'Type a date between {min} and {max}.',
  },
};

export default accountEn;
