// The shapes of the /v1 responses this app reads (README "A walk through the API"; SPEC 4, 6, 7).
// Amounts are decimal strings in major units of the client's currency.

export type Role = 'clerk' | 'collector' | 'auditor' | 'admin';
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';
export type TrendDirection = 'improving' | 'stable' | 'deteriorating' | 'insufficient_data';

export interface Me {
  name: string;
  role: Role;
  /** The service's clock (fixed by NOW in demos and tests). */
  now: string;
}

export interface Contact {
  name: string;
  email?: string;
  phone?: string;
  preferredChannel?: string;
}

export interface NextStep {
  level: string;
  invoiceId: string;
  on: string;
  at: string;
  waitingFor?: 'pause' | 'promise';
}

export interface WorklistEntry {
  clientId: string;
  /** A handover to an agency the process proposed waits for an admin's answer. */
  awaitingApproval: boolean;
  name: string;
  currency: string;
  goingSouth: boolean;
  riskLevel: RiskLevel;
  riskScore: number;
  trend: TrendDirection;
  level: string;
  overdue: string;
  oldestOverdueDays: number;
  creditHold: boolean;
  actions: { code: string; detail: string }[];
  nextStep: NextStep | null;
  contact: Contact;
  accountManager: { name: string; email?: string } | null;
}

export interface Worklist {
  asOf: string;
  items: WorklistEntry[];
}

export interface PortfolioClient {
  clientId: string;
  name: string;
  currency: string;
  balance: string;
  outstanding: string;
  overdue: string;
  openInvoices: number;
  oldestOverdueDays: number;
  riskScore: number;
  riskLevel: RiskLevel;
  trend: { direction: TrendDirection; slopeDaysPerInvoice: number | null };
  paydex: number | null;
  onTimeRate: number | null;
  dso: number | null;
}

export interface Portfolio {
  asOf: string;
  total: number;
  limit: number;
  offset: number;
  clients: PortfolioClient[];
  totalsByCurrency: { currency: string; clients: number; balance: string; outstanding: string; overdue: string }[];
}

export interface Invoice {
  invoiceId: string;
  issuedOn: string;
  dueOn: string;
  amount: string;
  paid: string;
  credited: string;
  writtenOff: string;
  outstanding: string;
  status: 'open' | 'partially_paid' | 'overdue' | 'disputed' | 'paid' | 'credited' | 'written_off';
  daysOverdue: number;
  paidOn: string | null;
}

export type PaymentTermsType = 'net' | 'due_on_receipt' | 'end_of_month';
export type LetterLanguage = 'en' | 'nl' | 'de' | 'ru';
export type LateFeePreset = 'eu_b2b' | 'nl_b2b' | 'de_b2b' | 'uk_b2b';
export type PaymentReferenceScheme = 'invoice_number' | 'rf_per_client' | 'rf_per_invoice';

/** The agreement as the account shows it; `PUT …/agreement` takes the same shape back. */
export interface Agreement {
  contact: Contact;
  paymentTerms?: { type: PaymentTermsType; days?: number };
  timezone?: string;
  creditLimit?: string;
  noticeDays?: number;
  /** The language of the client's letters; absent: English. */
  language?: LetterLanguage;
  /** A statutory preset sets the fee, the rate and the compounding itself: none of them goes beside it. */
  lateFeePolicy?: {
    preset?: LateFeePreset;
    fixedFee?: string;
    annualInterestRate?: string;
    compounding?: 'simple' | 'annual';
    graceDays?: number;
  };
  /** How the client pays, printed on every letter. */
  paymentInstructions?: { beneficiary: string; iban: string; bic?: string; reference: PaymentReferenceScheme };
  [other: string]: unknown;
}

export interface Account {
  clientId: string;
  name: string;
  currency: string;
  agreement: Agreement;
  balance: string;
  overdue: string;
  unappliedCredit: string;
  creditHold: unknown;
  collections: { level: string; pausedUntil: string | null };
  invoices: Invoice[];
  /** In the order received, reversed ones included. */
  payments: Payment[];
}

export interface Payment {
  paymentId: string;
  receivedOn: string;
  amount: string;
  allocations: { invoiceId: string; amount: string; via: 'allocation' | 'credit' }[];
  unapplied: string;
  reversed: { reversedOn: string; reason: string } | null;
}

/** One invoice's lateness, oldest first: final when paid, "so far" while open. */
export interface LatenessObservation {
  invoiceId: string;
  daysLate: number;
  open: boolean;
}

export type AgingBucket = 'current' | 'd1_30' | 'd31_60' | 'd61_90' | 'd91_plus';

export interface PaymentBehaviour {
  asOf: string;
  invoicesIssued: number;
  invoicesPaid: number;
  openInvoices: number;
  onTimeRate: number | null;
  averageDaysToPay: number | null;
  weightedAverageDaysLate: number | null;
  paydex: number | null;
  outstanding: string;
  overdue: string;
  oldestOverdueDays: number;
  aging: Record<AgingBucket, string>;
  dso: number | null;
  trend: { direction: TrendDirection; slopeDaysPerInvoice: number | null; observations: LatenessObservation[] };
  promises: { kept: number; broken: number; open: number };
  engagement: {
    unansweredStreak: number;
    unansweredLast90Days: number;
    meetingsMissedLast90Days: number;
    lastClientResponseAt: string | null;
  };
}

export interface Solvency {
  asOf: string;
  riskScore: number;
  riskLevel: RiskLevel;
  factors: { code: string; points: number; detail: string }[];
}

export interface CollectionsCase {
  asOf: string;
  currency: string;
  level: string;
  status: 'none' | 'open' | 'paused' | 'with_agency';
  steps: { level: string; trigger: string; invoiceId?: string; decidedAt: string }[];
  nextStep: NextStep | null;
  pause: { pauseId: string; until: string; reason: string } | null;
  promises: { interactionId: string; amount: string; promisedOn: string; madeAt: string; holdsUntil: string }[];
  disputedInvoices: string[];
  charges: { lateFees: string; interest: string; total: string };
}

export interface HistoryEvent {
  position: string;
  revision: string;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: { actor?: string; role?: string; source?: string; recordedAt?: string; [key: string]: unknown };
}

/** `GET …/history`: `next.after` pages oldest first (the default), `next.before` newest first (`order=desc`). */
export interface HistoryPage {
  events: HistoryEvent[];
  next: { after: string } | { before: string } | null;
}

export interface ChainVerification {
  valid: boolean;
  events: number;
  firstInvalidRevision?: string;
}

/** `GET /v1/reports/aging`: one currency's outstanding by days past due. */
export interface AgingReport {
  currency: string;
  asOf: string;
  totals: { buckets: Record<AgingBucket, string>; total: string };
}

/** `GET /v1/reports/dso`: oldest month first, ending with the current month to date. */
export interface DsoReport {
  currency: string;
  asOf: string;
  months: { month: string; dso: number | null; countbackDso: number | null; bestPossibleDso: number | null; cei: number | null }[];
}
