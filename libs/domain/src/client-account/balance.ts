import { agencyClaim } from './collections-state';
import { unappliedCredit } from './queries';
import { type RegisteredAccount } from './state';

/** What the client owes net (`AccountView.balance`), in minor units: every invoice's outstanding principal, fees and interest, less unapplied credit. */
export const accountBalance = (account: RegisteredAccount): bigint =>
  agencyClaim([...account.invoices.values()], account.collections.charges) - unappliedCredit(account);
