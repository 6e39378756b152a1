// How many SMS segments a text costs, as the UI counts while people type and the server charges:
// GSM-7 (160 characters, 153 per part when split) unless one character is outside it, then UCS-2
// (70, 67 per part). An accented capital or an emoji switches the whole message to UCS-2.

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the extension table: each takes two septets (escape + character). */
const GSM7_EXTENDED = '^{}\\[~]|€\f';

const basic = new Set(GSM7_BASIC);
const extended = new Set(GSM7_EXTENDED);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  segments: number;
  /** Units left in the last segment before another one starts. */
  remaining: number;
}

export function countSmsSegments(text: string): SmsSegmentCount {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return split('GSM-7', septets, 160, 153);
  // UCS-2 counts UTF-16 code units: an emoji outside the BMP takes two.
  return split('UCS-2', text.length, 70, 67);
}

function split(encoding: SmsEncoding, units: number, single: number, part: number): SmsSegmentCount {
  if (units === 0) return { encoding, units, segments: 0, remaining: single };
  if (units <= single) return { encoding, units, segments: 1, remaining: single - units };
  const segments = Math.ceil(units / part);
  return { encoding, units, segments, remaining: segments * part - units };
}
