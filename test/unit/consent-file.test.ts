// The signed consent of a referral: its type from its first bytes, its stored name made safe.
import { describe, expect, it } from 'vitest';
import { consentFileName, sniffConsentFileType } from '../../domain/referrals';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('consent file', () => {
  it('recognises PDF, JPEG and PNG from the content, nothing else', () => {
    expect(sniffConsentFileType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffConsentFileType(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00))).toBe('image/jpeg');
    expect(sniffConsentFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00))).toBe('image/png');
    expect(sniffConsentFileType(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffConsentFileType(new TextEncoder().encode('%PDF'))).toBeNull();
    expect(sniffConsentFileType(bytes())).toBeNull();
  });
  it('keeps a readable name without a path or reserved characters, with the real type’s extension', () => {
    expect(consentFileName('C:\\Users\\ana\\Consentimiento Lucía.PDF', 'application/pdf')).toBe('Consentimiento Lucía.pdf');
    expect(consentFileName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(consentFileName('fir<ma>do:"ya"?.jpeg.exe', 'image/jpeg')).toBe('firmadoya.jpeg.jpg');
    expect(consentFileName('...', 'application/pdf')).toBe('consentimiento.pdf');
    expect(consentFileName('a\u0000b\nc.pdf', 'application/pdf')).toBe('abc.pdf');
    expect(consentFileName(`${'x'.repeat(300)}.pdf`, 'application/pdf')).toHaveLength(124);
  });
});
