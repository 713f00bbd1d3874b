import PDFDocument from 'pdfkit';
import { type StatementDocument } from './statement-document';
import { printableStatement } from './statement-html';

/** DejaVu Sans covers Latin and Cyrillic, so every language prints with one embedded (subset) font. */
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 50;
/** Column x positions and widths on A4 (595 pt wide): date, description, debit, credit, balance. */
const COLUMNS = [
  { x: MARGIN, width: 62, align: 'left' },
  { x: 116, width: 219, align: 'left' },
  { x: 339, width: 66, align: 'right' },
  { x: 409, width: 66, align: 'right' },
  { x: 479, width: 66, align: 'right' },
] as const;

/** The statement as an A4 PDF (pdfkit), in the client's language; resolves when the document is complete. */
export const statementPdf = (document: StatementDocument): Promise<Buffer> => {
  const printable = printableStatement(document);
  const { labels } = printable;
  const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${labels.title} — ${document.name}` } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', REGULAR);
  pdf.registerFont('bold', BOLD);

  pdf.font('bold').fontSize(16).text(labels.title);
  pdf.moveDown(0.5).font('regular').fontSize(10);
  pdf.text(`${labels.client}: ${document.name} (${document.clientId})`);
  pdf.text(`${labels.period}: ${printable.period}`);
  pdf.text(`${labels.asOf}: ${document.asOf}`);
  pdf.moveDown();

  const row = (cells: readonly string[], font: 'regular' | 'bold' = 'regular') => {
    pdf.font(font).fontSize(8);
    const height = Math.max(...cells.map((cell, index) => pdf.heightOfString(cell, { width: COLUMNS[index].width })));
    if (pdf.y + height > pdf.page.height - MARGIN) pdf.addPage();
    const top = pdf.y;
    cells.forEach((cell, index) => pdf.text(cell, COLUMNS[index].x, top, { width: COLUMNS[index].width, align: COLUMNS[index].align }));
    pdf.x = MARGIN;
    pdf.y = top + height + 3;
  };
  row([labels.date, labels.description, labels.debit, labels.credit, `${labels.balance} (${document.currency})`], 'bold');
  row([printable.from, labels.openingBalance, '', '', printable.opening], 'bold');
  for (const entry of printable.rows) row([entry.date, entry.description, entry.debit, entry.credit, entry.balance]);
  row([printable.to, labels.closingBalance, '', '', printable.closing], 'bold');

  pdf.moveDown().font('bold').fontSize(11).text(`${labels.aging} (${printable.agingOn})`, MARGIN);
  pdf.moveDown(0.3);
  for (const bucket of printable.aging) row(['', bucket.label, '', '', bucket.amount]);
  pdf.end();
  return done;
};
