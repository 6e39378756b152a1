// Text for pdf-lib's standard fonts, shared by every PDF Cauce prints (communications, bilancio
// documents): what the font cannot draw, and lines that fit a width.
import type { PDFFont } from 'pdf-lib';

/**
 * The standard fonts speak WinAnsi: accents of Spanish and Italian are there; anything else
 * falls back to its base letter ("ş" → "s") or to "?" rather than failing the whole document.
 */
export function winAnsiCleaner(font: PDFFont): (text: string) => string {
  const charset = new Set(font.getCharacterSet());
  return (text: string) =>
    Array.from(text.replace(/\t/g, '    ').replace(/\r/g, ''))
      .map((ch) => {
        if (ch === '\n' || charset.has(ch.codePointAt(0)!)) return ch;
        const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
        return base && Array.from(base).every((c) => charset.has(c.codePointAt(0)!)) ? base : '?';
      })
      .join('');
}

/** The lines `text` takes at `size` within `maxWidth`: paragraphs kept, words wrapped. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      let w = word;
      // A word wider than the line (a long URL) is cut where it must be.
      while (font.widthOfTextAtSize(w, size) > maxWidth) {
        let cut = w.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(w.slice(0, cut), size) > maxWidth) cut--;
        if (line) lines.push(line);
        lines.push(w.slice(0, cut));
        line = '';
        w = w.slice(cut);
      }
      const candidate = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) line = candidate;
      else {
        lines.push(line);
        line = w;
      }
    }
    lines.push(line);
  }
  return lines;
}
