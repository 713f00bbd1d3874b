import { type StatementDocument } from './statement-document';
import { guardCsvCell, statementCsv } from './statement-csv';
import { statementHtml } from './statement-html';

const document: StatementDocument = {
  clientId: 'acme',
  name: '<script>alert(1)</script> & Co',
  currency: 'EUR',
  language: 'de',
  from: '2026-01-01',
  to: '2026-01-31',
  asOf: '2026-02-01T00:00:00.000Z',
  openingBalance: '-12.50',
  entries: [
    {
      date: '2026-01-05',
      kind: 'invoice',
      reference: 'INV-1',
      dueOn: '2026-02-04',
      description: '=HYPERLINK("http://evil.example","click"), "quoted"',
      debit: '1234567.89',
      credit: '0.00',
      balance: '1234555.39',
    },
  ],
  closingBalance: '1234555.39',
  aging: {
    asOn: '2026-02-01',
    principal: { current: '1234567.89', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d91_plus: '0.00' },
    feesAndInterest: '0.00',
    unappliedCredit: '12.50',
  },
};

describe('statement rendering', () => {
  it('guards CSV cells a spreadsheet would run as formulas, not negative amounts', () => {
    expect(['=1+1', '+1', '-1+1', '@SUM(A1)', '\tx', 'INV-1', '-12.50', '0.00'].map(guardCsvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1+1",
      "'@SUM(A1)",
      "'\tx",
      'INV-1',
      '-12.50',
      '0.00',
    ]);
  });

  it('writes RFC 4180: CRLF, quoted fields with doubled quotes, decimal strings', () => {
    expect(statementCsv(document).split('\r\n')).toEqual([
      'date,kind,reference,invoice_id,description,debit,credit,balance,currency',
      '2026-01-01,opening_balance,,,,,,-12.50,EUR',
      `2026-01-05,invoice,INV-1,,"'=HYPERLINK(""http://evil.example"",""click""), ""quoted""",1234567.89,0.00,1234555.39,EUR`,
      '2026-01-31,closing_balance,,,,,,1234555.39,EUR',
      '',
    ]);
  });

  it('escapes every value in HTML and writes figures as the language does', () => {
    const html = statementHtml(document);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).toContain('<h1>Kontoauszug</h1>');
    expect(html).toContain('<td>05.01.2026</td>');
    expect(html).toContain('<td class="amount">1.234.567,89</td>');
    expect(html).toContain('<td class="amount">-12,50</td>');
  });
});
