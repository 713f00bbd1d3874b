import { type InvoiceFacts } from '../metrics/facts';
import { remindsOfAnythingOpen } from './reminder-withdrawal';

const invoice = (invoiceId: string, outstanding: string) => ({ invoiceId, outstanding }) as InvoiceFacts;

describe('remindsOfAnythingOpen', () => {
  const facts = { invoices: [invoice('INV-1', '0'), invoice('INV-2', '1250'), invoice('INV-3', '0')] };

  it('is true while one of the reminded invoices is still outstanding', () => {
    expect(remindsOfAnythingOpen(facts, ['INV-1', 'INV-2'])).toBe(true);
  });

  it('is false once every reminded invoice is settled (paid, credited or written off)', () => {
    expect(remindsOfAnythingOpen(facts, ['INV-1', 'INV-3'])).toBe(false);
  });

  it('keeps a reminder of an invoice it does not know about (nothing is withdrawn on a guess)', () => {
    expect(remindsOfAnythingOpen(facts, ['INV-9'])).toBe(true);
  });
});
