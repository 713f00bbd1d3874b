import { type DateTime } from 'luxon';
import { requiredText } from '../../agreement/input-checks';
import { minorString } from '../../money/money';
import { ruleBroken } from '../../shared/errors';
import { type WriteOffInvoice } from '../commands';
import { type InvoiceWrittenOff } from '../events';
import { todayFor } from '../queries';
import { type RegisteredAccount } from '../state';
import { happenedOn, existingInvoice } from './command-input';

/** What remains outstanding becomes bad debt. */
export const writeOffInvoice = ({ data }: WriteOffInvoice, account: RegisteredAccount, now: DateTime): [InvoiceWrittenOff] => {
  const invoice = existingInvoice(account, data.invoiceId);
  if (invoice.outstanding === 0n) throw ruleBroken('nothing_to_write_off', `Invoice ${invoice.invoiceId} has nothing outstanding`);
  return [
    {
      type: 'InvoiceWrittenOff',
      data: {
        clientId: account.clientId,
        invoiceId: invoice.invoiceId,
        amount: minorString(invoice.outstanding),
        writtenOffOn: happenedOn(data.writtenOffOn, 'writtenOffOn', todayFor(account, now)),
        reason: requiredText(data.reason, 'reason'),
      },
    },
  ];
};
