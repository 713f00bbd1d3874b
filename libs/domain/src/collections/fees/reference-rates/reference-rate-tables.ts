import { type ReferenceRateSeries } from '../../../agreement/late-fee-presets';
import { type IsoDate } from '../../../shared/types';

/**
 * The central banks' reference rates behind the statutory presets, as dated data (SPEC 9).
 *
 * EXTEND EVERY HALF YEAR. Each table holds every change of its rate up to `completeThrough`; a half
 * year whose reference day (1 January / 1 July, for the UK 31 December / 30 June) is later has no
 * known rate: interest under a preset is then not charged for it (and the service warns in its log
 * and in `GET /health`) until a new row is added here — after which the next collections run charges
 * the missing days, as periods are never skipped, only waited for.
 *
 * To extend: append the changes announced since `completeThrough` (or none, if the rate held), move
 * `completeThrough` to the day up to which the source was checked, set `compiledOn`, and add a test
 * beside `statutory-rate.spec.ts` for the new half year.
 *
 * Compiled on 2026-12-07 without access to the sources (no internet where this was built) from the
 * rates as published by the banks up to mid-2025, each cross-checked where another published figure
 * depends on it (the Dutch wettelijke handelsrente = ECB + 8: 12.50 % for H1 2024, 12.25 % H2 2024,
 * 11.15 % H1 2025, 10.15 % H2 2025). Verify against the sources when extending.
 */
export interface ReferenceRateTable {
  series: ReferenceRateSeries;
  name: string;
  /** Where the rates are published. */
  source: string;
  /** The day this table was compiled from its source. */
  compiledOn: IsoDate;
  /** Every change up to and including this day is listed; later changes are unknown. */
  completeThrough: IsoDate;
  /** Oldest first; `announcedOn` is the bank's decision or publication date, where it differs from `from`. */
  changes: readonly { from: IsoDate; rate: string; announcedOn?: IsoDate }[];
}

export const REFERENCE_RATE_TABLES: Record<ReferenceRateSeries, ReferenceRateTable> = {
  ecb_main_refinancing_rate: {
    series: 'ecb_main_refinancing_rate',
    name: 'ECB interest rate on the main refinancing operations (fixed rate tenders)',
    source: 'https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html',
    compiledOn: '2026-12-07',
    completeThrough: '2025-07-01',
    changes: [
      { from: '2022-12-21', rate: '2.50', announcedOn: '2022-12-15' },
      { from: '2023-02-08', rate: '3.00', announcedOn: '2023-02-02' },
      { from: '2023-03-22', rate: '3.50', announcedOn: '2023-03-16' },
      { from: '2023-05-10', rate: '3.75', announcedOn: '2023-05-04' },
      { from: '2023-06-21', rate: '4.00', announcedOn: '2023-06-15' },
      { from: '2023-08-02', rate: '4.25', announcedOn: '2023-07-27' },
      { from: '2023-09-20', rate: '4.50', announcedOn: '2023-09-14' },
      { from: '2024-06-12', rate: '4.25', announcedOn: '2024-06-06' },
      { from: '2024-09-18', rate: '3.65', announcedOn: '2024-09-12' },
      { from: '2024-10-23', rate: '3.40', announcedOn: '2024-10-17' },
      { from: '2024-12-18', rate: '3.15', announcedOn: '2024-12-12' },
      { from: '2025-02-05', rate: '2.90', announcedOn: '2025-01-30' },
      { from: '2025-03-12', rate: '2.65', announcedOn: '2025-03-06' },
      { from: '2025-04-23', rate: '2.40', announcedOn: '2025-04-17' },
      { from: '2025-06-11', rate: '2.15', announcedOn: '2025-06-05' },
    ],
  },
  bundesbank_base_rate: {
    series: 'bundesbank_base_rate',
    name: 'Basiszinssatz nach § 247 BGB (Deutsche Bundesbank), set on 1 January and 1 July',
    source: 'https://www.bundesbank.de/de/bundesbank/organisation/agb-und-regelungen/basiszinssatz-607820',
    compiledOn: '2026-12-07',
    completeThrough: '2025-07-01',
    changes: [
      { from: '2023-01-01', rate: '1.62' },
      { from: '2023-07-01', rate: '3.12' },
      { from: '2024-01-01', rate: '3.62' },
      { from: '2024-07-01', rate: '3.37' },
      { from: '2025-01-01', rate: '2.27' },
      { from: '2025-07-01', rate: '1.27' },
    ],
  },
  boe_bank_rate: {
    series: 'boe_bank_rate',
    name: 'Bank of England Bank Rate (official dealing rate)',
    source: 'https://www.bankofengland.co.uk/monetary-policy/the-interest-rate-bank-rate',
    compiledOn: '2026-12-07',
    completeThrough: '2025-08-07',
    changes: [
      { from: '2022-12-15', rate: '3.50' },
      { from: '2023-02-02', rate: '4.00' },
      { from: '2023-03-23', rate: '4.25' },
      { from: '2023-05-11', rate: '4.50' },
      { from: '2023-06-22', rate: '5.00' },
      { from: '2023-08-03', rate: '5.25' },
      { from: '2024-08-01', rate: '5.00' },
      { from: '2024-11-07', rate: '4.75' },
      { from: '2025-02-06', rate: '4.50' },
      { from: '2025-05-08', rate: '4.25' },
      { from: '2025-08-07', rate: '4.00' },
    ],
  },
};
