import { clientCommand, clientEvent, clientRegistered, givenClientAccount } from '../testing/client-account-fixtures';

const NOW = '2026-05-29T10:00:00.000Z';
const given = givenClientAccount(NOW);

const invoice = (invoiceId: string, amount: string) =>
  clientEvent('InvoiceIssued', { invoiceId, amount, currency: 'EUR', issuedOn: '2026-01-21', dueOn: '2026-02-20' });
const finalNotice = clientEvent('CollectionsEscalated', {
  level: 'final_notice',
  trigger: 'overdue',
  invoiceId: 'INV-1',
  figures: {},
  decidedAt: '2026-05-14T08:00:00.000Z',
});
const proposed = clientEvent('AgencyHandoverProposed', {
  invoiceIds: ['INV-1', 'INV-2'],
  amount: '1504000',
  paymentDeadline: '2026-05-28',
  figures: { daysPastDue: 98 },
  proposedAt: '2026-05-29T08:00:00.000Z',
});
const history = [
  clientRegistered(),
  invoice('INV-1', '1000000'),
  invoice('INV-2', '500000'),
  finalNotice,
  clientEvent('LateFeeCharged', { invoiceId: 'INV-1', amount: '4000', chargedOn: '2026-03-06' }),
  proposed,
];
const answer = (decision: 'approve' | 'reject', reason = 'no answer to the final notice') =>
  clientCommand('ApproveAgencyHandover', { decisionId: 'AH-1', decision, reason });

describe('ApproveAgencyHandover', () => {
  it('approved: hands over the proposed invoices still open, with the fees and interest charged on them, as they stand now', () => {
    given(history)
      .when(answer('approve'))
      .then([
        clientEvent('HandedToAgency', {
          invoiceIds: ['INV-1', 'INV-2'],
          amount: '1504000', // 10,000.00 + 40.00 fee + 5,000.00
          decidedAt: NOW,
          reason: 'no answer to the final notice',
        }),
      ]);
    const paidSince = [
      ...history,
      clientEvent('PaymentReceived', { paymentId: 'PAY-1', amount: '500000', currency: 'EUR', receivedOn: '2026-05-29' }),
      clientEvent('PaymentAllocated', { paymentId: 'PAY-1', invoiceId: 'INV-2', amount: '500000' }),
    ];
    given(paidSince)
      .when(answer('approve'))
      .then([
        clientEvent('HandedToAgency', {
          invoiceIds: ['INV-1'],
          amount: '1004000',
          decidedAt: NOW,
          reason: 'no answer to the final notice',
        }),
      ]);
  });

  it('rejected: the case stays at the final notice', () => {
    given(history)
      .when(answer('reject', 'payment plan agreed by phone'))
      .then([
        clientEvent('AgencyHandoverRejected', { invoiceIds: ['INV-1', 'INV-2'], reason: 'payment plan agreed by phone', rejectedAt: NOW }),
      ]);
  });

  it('answers only a proposal awaiting an answer', () => {
    const base = history.filter((event) => event !== proposed);
    given(base).when(answer('approve')).thenThrows('rule', 'agency_handover_not_proposed');
    const rejected = clientEvent('AgencyHandoverRejected', { invoiceIds: ['INV-1'], reason: 'plan', rejectedAt: NOW });
    given([...history, rejected])
      .when(answer('approve'))
      .thenThrows('rule', 'agency_handover_not_proposed');
    const handed = clientEvent('HandedToAgency', { invoiceIds: ['INV-1'], amount: '1004000', decidedAt: NOW, reason: 'ok' });
    given([...history, handed])
      .when(answer('reject'))
      .thenThrows('rule', 'agency_handover_not_proposed');
  });

  it('refuses a missing reason or an unknown decision', () => {
    given(history).when(answer('approve', ' ')).thenThrows('validation', 'required', 'reason');
    given(history)
      .when(clientCommand('ApproveAgencyHandover', { decisionId: 'AH-1', decision: 'maybe' as 'approve', reason: 'x' }))
      .thenThrows('validation', 'invalid_decision', 'decision');
  });
});
