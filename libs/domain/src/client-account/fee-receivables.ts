/** What the collections case records per invoice (`ChargesOnInvoice`), as far as the receivable goes. */
export interface ChargesOnRecord {
  lateFee?: { amount: bigint };
  interest: readonly { amount: bigint }[];
  paid: { lateFee: bigint; interest: bigint };
  waived: { lateFee: bigint; interest: bigint };
}

/** One kind of charge on an invoice, in minor units: `outstanding = charged − paid − waived`, never negative. */
export interface ChargeFigures {
  charged: bigint;
  paid: bigint;
  waived: bigint;
  outstanding: bigint;
}

/** An invoice's late fee and interest as receivables of their own (SPEC 5): claimable after the principal is paid. */
export interface FeeReceivable {
  lateFee: ChargeFigures;
  interest: ChargeFigures;
  /** Late fee and interest outstanding together. */
  outstanding: bigint;
}

const figures = (charged: bigint, paid: bigint, waived: bigint): ChargeFigures => ({
  charged,
  paid,
  waived,
  outstanding: charged - paid - waived,
});

/** The late fee and interest of one invoice as charged, paid and waived so far (nothing charged: all zero). */
export const feeReceivable = (charges: ChargesOnRecord | undefined): FeeReceivable => {
  const lateFee = figures(charges?.lateFee?.amount ?? 0n, charges?.paid.lateFee ?? 0n, charges?.waived.lateFee ?? 0n);
  const interestCharged = (charges?.interest ?? []).reduce((sum, period) => sum + period.amount, 0n);
  const interest = figures(interestCharged, charges?.paid.interest ?? 0n, charges?.waived.interest ?? 0n);
  return { lateFee, interest, outstanding: lateFee.outstanding + interest.outstanding };
};

const sumFigures = (all: readonly ChargeFigures[]): ChargeFigures => ({
  charged: all.reduce((sum, figures) => sum + figures.charged, 0n),
  paid: all.reduce((sum, figures) => sum + figures.paid, 0n),
  waived: all.reduce((sum, figures) => sum + figures.waived, 0n),
  outstanding: all.reduce((sum, figures) => sum + figures.outstanding, 0n),
});

/** Several invoices' receivables added up (an account's total). */
export const sumFeeReceivables = (receivables: readonly FeeReceivable[]): FeeReceivable => {
  const lateFee = sumFigures(receivables.map((receivable) => receivable.lateFee));
  const interest = sumFigures(receivables.map((receivable) => receivable.interest));
  return { lateFee, interest, outstanding: lateFee.outstanding + interest.outstanding };
};
