import { type AgingBucket, type LetterLanguage, type StatementEntry } from '@settle/domain';

/** How one language words a statement of account (its figures are written by `format.ts`). */
export interface StatementLabels {
  title: string;
  client: string;
  period: string;
  asOf: string;
  date: string;
  description: string;
  debit: string;
  credit: string;
  balance: string;
  openingBalance: string;
  closingBalance: string;
  aging: string;
  agingBuckets: Record<AgingBucket, string>;
  feesAndInterest: string;
  unappliedCredit: string;
  total: string;
  /** One entry in words; dates and the rate come formatted. */
  entry: (entry: StatementEntry, formatted: { dueOn?: string; periodFrom?: string; periodTo?: string; rate?: string }) => string;
}

export const STATEMENT_LABELS: Record<LetterLanguage, StatementLabels> = {
  en: {
    title: 'Statement of account',
    client: 'Client',
    period: 'Period',
    asOf: 'As known at',
    date: 'Date',
    description: 'Description',
    debit: 'Debit',
    credit: 'Credit',
    balance: 'Balance',
    openingBalance: 'Opening balance',
    closingBalance: 'Closing balance',
    aging: 'Outstanding invoices by days past due',
    agingBuckets: { current: 'Not yet due', d1_30: '1–30 days', d31_60: '31–60 days', d61_90: '61–90 days', d91_plus: 'Over 90 days' },
    feesAndInterest: 'Late-payment fees and interest',
    unappliedCredit: 'Unapplied credit',
    total: 'Total',
    entry: (entry, f) => {
      switch (entry.kind) {
        case 'invoice':
          return `Invoice ${entry.reference}, due ${f.dueOn}`;
        case 'payment':
          return `Payment ${entry.reference}`;
        case 'payment_reversal':
          return `Payment ${entry.reference} reversed`;
        case 'credit_note':
          return `Credit note ${entry.reference} for invoice ${entry.invoiceId}`;
        case 'write_off':
          return `Invoice ${entry.reference} written off`;
        case 'late_fee':
          return `Late-payment compensation, invoice ${entry.reference}`;
        case 'interest':
          return `Late-payment interest on invoice ${entry.reference}, ${f.periodFrom} – ${f.periodTo} at ${f.rate} a year`;
        case 'late_fee_waiver':
          return `Late-payment compensation waived, invoice ${entry.reference}`;
        case 'interest_waiver':
          return `Interest waived, invoice ${entry.reference}`;
      }
    },
  },
  nl: {
    title: 'Rekeningoverzicht',
    client: 'Klant',
    period: 'Periode',
    asOf: 'Stand per',
    date: 'Datum',
    description: 'Omschrijving',
    debit: 'Debet',
    credit: 'Credit',
    balance: 'Saldo',
    openingBalance: 'Beginsaldo',
    closingBalance: 'Eindsaldo',
    aging: 'Openstaande facturen naar dagen na vervaldatum',
    agingBuckets: {
      current: 'Nog niet vervallen',
      d1_30: '1–30 dagen',
      d31_60: '31–60 dagen',
      d61_90: '61–90 dagen',
      d91_plus: 'Meer dan 90 dagen',
    },
    feesAndInterest: 'Incassokosten en rente',
    unappliedCredit: 'Niet-toegewezen tegoed',
    total: 'Totaal',
    entry: (entry, f) => {
      switch (entry.kind) {
        case 'invoice':
          return `Factuur ${entry.reference}, vervaldatum ${f.dueOn}`;
        case 'payment':
          return `Betaling ${entry.reference}`;
        case 'payment_reversal':
          return `Betaling ${entry.reference} teruggeboekt`;
        case 'credit_note':
          return `Creditnota ${entry.reference} op factuur ${entry.invoiceId}`;
        case 'write_off':
          return `Factuur ${entry.reference} afgeboekt`;
        case 'late_fee':
          return `Vergoeding incassokosten, factuur ${entry.reference}`;
        case 'interest':
          return `Rente wegens late betaling op factuur ${entry.reference}, ${f.periodFrom} – ${f.periodTo}, ${f.rate} per jaar`;
        case 'late_fee_waiver':
          return `Incassokosten kwijtgescholden, factuur ${entry.reference}`;
        case 'interest_waiver':
          return `Rente kwijtgescholden, factuur ${entry.reference}`;
      }
    },
  },
  de: {
    title: 'Kontoauszug',
    client: 'Kunde',
    period: 'Zeitraum',
    asOf: 'Stand',
    date: 'Datum',
    description: 'Beschreibung',
    debit: 'Soll',
    credit: 'Haben',
    balance: 'Saldo',
    openingBalance: 'Anfangssaldo',
    closingBalance: 'Endsaldo',
    aging: 'Offene Rechnungen nach Tagen über Fälligkeit',
    agingBuckets: {
      current: 'Noch nicht fällig',
      d1_30: '1–30 Tage',
      d31_60: '31–60 Tage',
      d61_90: '61–90 Tage',
      d91_plus: 'Über 90 Tage',
    },
    feesAndInterest: 'Verzugspauschalen und Verzugszinsen',
    unappliedCredit: 'Nicht zugeordnetes Guthaben',
    total: 'Summe',
    entry: (entry, f) => {
      switch (entry.kind) {
        case 'invoice':
          return `Rechnung ${entry.reference}, fällig am ${f.dueOn}`;
        case 'payment':
          return `Zahlung ${entry.reference}`;
        case 'payment_reversal':
          return `Zahlung ${entry.reference} storniert`;
        case 'credit_note':
          return `Gutschrift ${entry.reference} zu Rechnung ${entry.invoiceId}`;
        case 'write_off':
          return `Rechnung ${entry.reference} ausgebucht`;
        case 'late_fee':
          return `Verzugspauschale, Rechnung ${entry.reference}`;
        case 'interest':
          return `Verzugszinsen auf Rechnung ${entry.reference}, ${f.periodFrom} – ${f.periodTo}, ${f.rate} p. a.`;
        case 'late_fee_waiver':
          return `Verzugspauschale erlassen, Rechnung ${entry.reference}`;
        case 'interest_waiver':
          return `Verzugszinsen erlassen, Rechnung ${entry.reference}`;
      }
    },
  },
  ru: {
    title: 'Выписка по счёту клиента',
    client: 'Клиент',
    period: 'Период',
    asOf: 'По состоянию на',
    date: 'Дата',
    description: 'Описание',
    debit: 'Дебет',
    credit: 'Кредит',
    balance: 'Сальдо',
    openingBalance: 'Сальдо на начало периода',
    closingBalance: 'Сальдо на конец периода',
    aging: 'Неоплаченные счета по дням просрочки',
    agingBuckets: {
      current: 'Срок не наступил',
      d1_30: '1–30 дней',
      d31_60: '31–60 дней',
      d61_90: '61–90 дней',
      d91_plus: 'Более 90 дней',
    },
    feesAndInterest: 'Компенсация и проценты за просрочку',
    unappliedCredit: 'Нераспределённый аванс',
    total: 'Итого',
    entry: (entry, f) => {
      switch (entry.kind) {
        case 'invoice':
          return `Счёт ${entry.reference}, срок оплаты ${f.dueOn}`;
        case 'payment':
          return `Платёж ${entry.reference}`;
        case 'payment_reversal':
          return `Платёж ${entry.reference} отменён`;
        case 'credit_note':
          return `Кредит-нота ${entry.reference} к счёту ${entry.invoiceId}`;
        case 'write_off':
          return `Счёт ${entry.reference} списан`;
        case 'late_fee':
          return `Компенсация за просрочку, счёт ${entry.reference}`;
        case 'interest':
          return `Проценты за просрочку по счёту ${entry.reference}, ${f.periodFrom} – ${f.periodTo}, ${f.rate} годовых`;
        case 'late_fee_waiver':
          return `Компенсация за просрочку отменена, счёт ${entry.reference}`;
        case 'interest_waiver':
          return `Проценты за просрочку отменены, счёт ${entry.reference}`;
      }
    },
  },
};
