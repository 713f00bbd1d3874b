import { type Account } from '../api/types';
import { may, useSignedIn } from '../session/session';
import { AgreementForm, ResumeForm, ReversePaymentForm } from './account-forms';
import { InteractionForm } from './interaction-form';
import { CreditNoteForm, IssueInvoiceForm, WriteOffForm } from './invoice-forms';

/** The commands about one client the signed-in role may send, each folded until opened. */
export function ClientCommands({ account }: { account: Account }) {
  const { role } = useSignedIn().me;
  const { clientId, currency, invoices } = account;
  return (
    <div className="client-commands">
      {may.issueInvoice(role) && <IssueInvoiceForm clientId={clientId} currency={currency} />}
      {may.issueCreditNote(role) && <CreditNoteForm clientId={clientId} currency={currency} invoices={invoices} />}
      {may.reversePayment(role) && <ReversePaymentForm clientId={clientId} currency={currency} payments={account.payments} />}
      {may.writeOff(role) && <WriteOffForm clientId={clientId} invoices={invoices} />}
      {may.logInteraction(role) && <InteractionForm clientId={clientId} currency={currency} invoices={invoices} />}
      {may.resumeCollections(role) && account.collections.pausedUntil && (
        <ResumeForm clientId={clientId} pausedThrough={account.collections.pausedUntil} />
      )}
      {may.changeAgreement(role) && (
        <AgreementForm key={JSON.stringify(account.agreement)} clientId={clientId} agreement={account.agreement} />
      )}
    </div>
  );
}
