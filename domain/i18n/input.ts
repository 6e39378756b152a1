// What the edge says about a field it refuses (details.fields[].message), and about bodies too
// large to read.
import type { Catalogue } from './index';

export const inputMessages: Catalogue = {
  es: {
    'input.invalid_dni': 'La letra de control del DNI no corresponde al número.',
    'input.invalid_nie': 'La letra de control del NIE no corresponde al número.',
    'input.invalid_codice_fiscale': 'El carácter de control del codice fiscale no corresponde.',
    'errors.payload_too_large': 'La petición es demasiado grande: el máximo es {max}.',
    'input.control_character': 'Contiene un carácter de control (como NUL) que no se puede guardar.',
    'input.invalid_unicode': 'Contiene texto Unicode no válido (un sustituto suelto) que no se puede guardar.',
    'input.invalid_format': 'El formato no es válido.',
    'input.invalid_date': 'No es una fecha válida.',
    'input.date_too_early': 'La fecha es anterior a {earliest}.',
    'input.date_too_late': 'La fecha está más de {years} años en el futuro.',
    'input.date_in_past': 'La fecha ya ha pasado.',
  },
  it: {
    'input.invalid_dni': 'La lettera di controllo del DNI non corrisponde al numero.',
    'input.invalid_nie': 'La lettera di controllo del NIE non corrisponde al numero.',
    'input.invalid_codice_fiscale': 'Il carattere di controllo del codice fiscale non corrisponde.',
    'errors.payload_too_large': 'La richiesta è troppo grande: il massimo è {max}.',
    'input.control_character': 'Contiene un carattere di controllo (come NUL) che non si può salvare.',
    'input.invalid_unicode': 'Contiene testo Unicode non valido (un surrogato isolato) che non si può salvare.',
    'input.invalid_format': 'Il formato non è valido.',
    'input.invalid_date': 'Non è una data valida.',
    'input.date_too_early': 'La data è anteriore al {earliest}.',
    'input.date_too_late': 'La data è oltre {years} anni nel futuro.',
    'input.date_in_past': 'La data è già passata.',
  },
  en: {
    'input.invalid_dni': 'The DNI check letter does not match the number.',
    'input.invalid_nie': 'The NIE check letter does not match the number.',
    'input.invalid_codice_fiscale': 'The codice fiscale check character does not match.',
    'errors.payload_too_large': 'The request is too large: the maximum is {max}.',
    'input.control_character': 'It contains a control character (such as NUL) that cannot be stored.',
    'input.invalid_unicode': 'It contains invalid Unicode (a lone surrogate) that cannot be stored.',
    'input.invalid_format': 'The format is not valid.',
    'input.invalid_date': 'It is not a valid date.',
    'input.date_too_early': 'The date is before {earliest}.',
    'input.date_too_late': 'The date is more than {years} years ahead.',
    'input.date_in_past': 'The date has already passed.',
  },
};
