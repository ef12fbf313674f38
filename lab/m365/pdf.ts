import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A real, minimal invoice PDF, so "Download PDF" can be checked by opening the file, not by its name. */
export async function invoicePdf(lines: [string, string][], title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  page.drawText('Microsoft', { x: 50, y: 780, size: 20, font: bold });
  page.drawText(title, { x: 50, y: 750, size: 14, font: bold });
  lines.forEach(([label, value], i) => {
    page.drawText(label, { x: 50, y: 710 - i * 20, size: 11, font });
    page.drawText(value, { x: 220, y: 710 - i * 20, size: 11, font: bold });
  });
  return doc.save();
}
