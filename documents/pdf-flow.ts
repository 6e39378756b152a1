// Text flowing down A4 pages, as the CV and the bilancio documents print it: the document's
// metadata, pdf-lib's two standard Helvetica fonts, wrapped lines that start a new page when the
// next one would run into the footer, and a footer line on every page once the text is done.
import { PDFDocument, rgb, StandardFonts, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import { winAnsiCleaner, wrapText } from './pdf-text';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 56;
const FOOTER_H = 36;
export const INK = rgb(0.12, 0.12, 0.14);
export const MUTED = rgb(0.4, 0.4, 0.45);

export interface FlowTextOptions {
  font?: PDFFont;
  size?: number;
  indent?: number;
  /** Space after the paragraph. */
  gap?: number;
  color?: Color;
}

export interface FlowMeta {
  title: string;
  author: string;
  date: Date;
  /** Printed small at the top of every page (the organisation's name). */
  header?: string;
  /** The space after a paragraph when the caller does not say. */
  gap?: number;
}

export class PdfFlow {
  page!: PDFPage;
  /** Where the next line's top goes, from the page's bottom. */
  y = 0;
  readonly width = A4[0] - 2 * MARGIN;
  readonly clean: (text: string) => string;

  private constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly meta: FlowMeta,
  ) {
    this.clean = winAnsiCleaner(regular);
    this.newPage();
  }

  static async create(meta: FlowMeta): Promise<PdfFlow> {
    const doc = await PDFDocument.create();
    doc.setTitle(meta.title);
    doc.setAuthor(meta.author);
    doc.setProducer('Cauce');
    doc.setCreator('Cauce');
    doc.setCreationDate(meta.date);
    doc.setModificationDate(meta.date);
    return new PdfFlow(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), meta);
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    if (this.meta.header) {
      this.page.drawText(this.clean(this.meta.header), { x: MARGIN, y: this.y, size: 9, font: this.bold, color: MUTED });
      this.y -= 24;
    }
  }

  /** A new page unless `height` still fits above the footer. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + FOOTER_H) this.newPage();
  }

  text(value: string, o: FlowTextOptions = {}): void {
    const font = o.font ?? this.regular;
    const size = o.size ?? 10.5;
    for (const line of wrapText(this.clean(value), font, size, this.width - (o.indent ?? 0))) {
      this.ensure(size * 1.45);
      this.page.drawText(line, { x: MARGIN + (o.indent ?? 0), y: this.y - size, size, font, color: o.color ?? INK });
      this.y -= size * 1.45;
    }
    this.y -= o.gap ?? this.meta.gap ?? 4;
  }

  /** The footer of every page ("Title · Name · page 1 of 2"), then the file. */
  async save(footer: (page: number, pages: number) => string): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((p, i) => p.drawText(this.clean(footer(i + 1, pages.length)), { x: MARGIN, y: MARGIN - 20, size: 8, font: this.regular, color: MUTED }));
    return this.doc.save();
  }
}
