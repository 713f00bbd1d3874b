import { type MinorUnits } from '../shared/types';

/**
 * Statutory late-payment rules for business-to-business debts (SPEC 3.3, 9). A preset fixes the
 * compensation per late invoice, the interest rate (a central bank's reference rate plus a margin,
 * set per half year) and the compounding; the reference rates themselves are dated data
 * (`collections/fees/reference-rates/`).
 */
export const LATE_FEE_PRESETS = ['eu_b2b', 'nl_b2b', 'de_b2b', 'uk_b2b'] as const;
export type LateFeePreset = (typeof LATE_FEE_PRESETS)[number];

export const REFERENCE_RATE_SERIES = ['ecb_main_refinancing_rate', 'bundesbank_base_rate', 'boe_bank_rate'] as const;
export type ReferenceRateSeries = (typeof REFERENCE_RATE_SERIES)[number];

export interface StatutoryLateFeeRules {
  /** The currency the law states its fixed sums in: the account must be kept in it. */
  currency: string;
  referenceRate: ReferenceRateSeries;
  /** Percentage points above the reference rate, a decimal string. */
  margin: string;
  /**
   * Whose rate counts for a half year (1 Jan – 30 Jun, 1 Jul – 31 Dec): the one in force on its first
   * day, or on the day before it (UK: 31 December and 30 June).
   */
  referenceDay: 'first_day_of_half_year' | 'day_before_half_year';
  compounding: 'simple' | 'annual';
  /** Fixed compensation per late invoice by the invoice's amount: the first tier it is `below` (none: any amount). */
  fixedFees: readonly { below?: MinorUnits; fee: MinorUnits }[];
  legalSource: string;
}

const EUR_40: StatutoryLateFeeRules['fixedFees'] = [{ fee: '4000' }];

export const STATUTORY_LATE_FEE_RULES: Record<LateFeePreset, StatutoryLateFeeRules> = {
  eu_b2b: {
    currency: 'EUR',
    referenceRate: 'ecb_main_refinancing_rate',
    margin: '8',
    referenceDay: 'first_day_of_half_year',
    compounding: 'simple',
    fixedFees: EUR_40,
    legalSource:
      'Directive 2011/7/EU on combating late payment in commercial transactions: art. 2(6)–(8) and 3(3) (reference rate + 8 points, the ECB rate of 1 January / 1 July for the half year), art. 6(1) (EUR 40)',
  },
  nl_b2b: {
    currency: 'EUR',
    referenceRate: 'ecb_main_refinancing_rate',
    margin: '8',
    referenceDay: 'first_day_of_half_year',
    compounding: 'annual',
    fixedFees: EUR_40,
    legalSource:
      'Burgerlijk Wetboek 6:119a (wettelijke handelsrente: ECB rate of 1 January / 1 July + 8 points; lid 3 with 6:119 lid 2: interest added to the principal after each year), 6:96 lid 4 (EUR 40)',
  },
  de_b2b: {
    currency: 'EUR',
    referenceRate: 'bundesbank_base_rate',
    margin: '9',
    referenceDay: 'first_day_of_half_year',
    compounding: 'simple',
    fixedFees: EUR_40,
    legalSource:
      'BGB § 288 Abs. 2 (Basiszinssatz + 9 Prozentpunkte), § 288 Abs. 5 (EUR 40 Pauschale), § 247 (Basiszinssatz set on 1 January and 1 July), § 289 (no compound interest)',
  },
  uk_b2b: {
    currency: 'GBP',
    referenceRate: 'boe_bank_rate',
    margin: '8',
    referenceDay: 'day_before_half_year',
    compounding: 'simple',
    fixedFees: [{ below: '100000', fee: '4000' }, { below: '1000000', fee: '7000' }, { fee: '10000' }],
    legalSource:
      'Late Payment of Commercial Debts (Interest) Act 1998: s. 4 and the Late Payment of Commercial Debts (Rate of Interest) (No. 3) Order 2002 (Bank of England rate on 31 December / 30 June + 8 points, simple), s. 5A (GBP 40 / 70 / 100 for debts under 1,000 / under 10,000 / from 10,000)',
  },
};

/** The law's fixed compensation for one late invoice of `invoiceAmount` (minor units). */
export const statutoryFixedFee = (preset: LateFeePreset, invoiceAmount: bigint): bigint => {
  const tier = STATUTORY_LATE_FEE_RULES[preset].fixedFees.find(
    (candidate) => candidate.below === undefined || invoiceAmount < BigInt(candidate.below),
  );
  return BigInt(tier!.fee);
};
