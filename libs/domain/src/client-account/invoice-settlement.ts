import { type IsoDate } from '../shared/types';

/** What settles an invoice, in minor units; `paidOn` as it stood before the change. */
export interface InvoiceSettlementFigures {
  amount: bigint;
  paid: bigint;
  credited: bigint;
  writtenOff: bigint;
  paidOn?: IsoDate;
}

/**
 * An invoice's outstanding amount and `paidOn` after a change dated `on` (SPEC 4.1): `paidOn` is the
 * date it became fully settled, with payments contributing and nothing written off. It stays that
 * date while the invoice stays settled, and is cleared when the invoice reopens (a reversal).
 */
export const settlement = (
  { amount, paid, credited, writtenOff, paidOn }: InvoiceSettlementFigures,
  on: IsoDate,
): { outstanding: bigint; paidOn?: IsoDate } => {
  const outstanding = amount - paid - credited - writtenOff;
  const paidInFull = outstanding === 0n && paid > 0n && writtenOff === 0n;
  return paidInFull ? { outstanding, paidOn: paidOn ?? on } : { outstanding };
};
