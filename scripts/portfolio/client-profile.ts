import { type AgreementInput, type PaymentTerms } from '@settle/domain';
import { type Personality } from './personalities';
import { type SeededRandom } from './seeded-random';

/** Who a generated client is and what was agreed with it. */
export interface ClientProfile {
  clientId: string;
  name: string;
  personality: Personality;
  currency: string;
  agreement: AgreementInput & { paymentTerms: PaymentTerms; timezone: string };
  /** Typical invoice amount in minor units; each invoice varies around it. */
  typicalAmount: bigint;
  invoicesPerMonth: number;
}

interface Country {
  timezone: string;
  currency: string;
  legalForm: string;
  weight: number;
}

const COUNTRIES: readonly Country[] = [
  { timezone: 'Europe/Amsterdam', currency: 'EUR', legalForm: 'B.V.', weight: 4 },
  { timezone: 'Europe/Berlin', currency: 'EUR', legalForm: 'GmbH', weight: 3 },
  { timezone: 'Europe/London', currency: 'GBP', legalForm: 'Ltd', weight: 1.5 },
  { timezone: 'America/New_York', currency: 'USD', legalForm: 'Inc.', weight: 1.5 },
];

const NAME_STEMS = [
  'Nord',
  'Blue',
  'Oak',
  'River',
  'Summit',
  'Harbor',
  'Iron',
  'Maple',
  'Silver',
  'Delta',
  'Pine',
  'Falcon',
  'Amber',
  'Granite',
  'Vista',
];
const NAME_ENDINGS = ['wind', 'field', 'stone', 'bridge', 'works', 'point', 'gate', 'line', 'way', 'crest'];
const TRADES = ['Logistics', 'Media', 'Retail', 'Software', 'Foods', 'Interiors', 'Engineering', 'Travel', 'Health', 'Studios'];
const FIRST_NAMES = [
  'Ada',
  'Bram',
  'Chloé',
  'Daan',
  'Emma',
  'Finn',
  'Greta',
  'Hugo',
  'Iris',
  'Jonas',
  'Lena',
  'Milan',
  'Noor',
  'Oskar',
  'Sara',
];
const LAST_NAMES = [
  'de Vries',
  'Müller',
  'Smith',
  'Jansen',
  'Schmidt',
  'Bakker',
  'Brown',
  'Visser',
  'Fischer',
  'Meijer',
  'Taylor',
  'Wagner',
];
const ACCOUNT_MANAGERS = [
  { name: 'Max Verbeek', email: 'max@settle.example' },
  { name: 'Julia Koch', email: 'julia@settle.example' },
  { name: 'Tom Hendriks', email: 'tom@settle.example' },
];

const TERMS: readonly { terms: PaymentTerms; weight: number }[] = [
  { terms: { type: 'net', days: 30 }, weight: 6 },
  { terms: { type: 'net', days: 14 }, weight: 2 },
  { terms: { type: 'end_of_month', days: 15 }, weight: 2 },
];

const weighted = <T extends { weight: number }>(random: SeededRandom, items: readonly T[]): T => {
  let left = random.next() * items.reduce((sum, item) => sum + item.weight, 0);
  for (const item of items) {
    left -= item.weight;
    if (left < 0) return item;
  }
  return items[items.length - 1];
};

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');

/** A person to talk to, as the agreement's single point of contact or a new decision maker. */
export function personName(random: SeededRandom): { name: string; email: string } {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  return { name: `${first} ${last}`, email: `${slug(first)}.${slug(last)}@client.example` };
}

/** `invoicesPerMonth` overrides the usual one to three invoices a month (a high-volume client for benchmarks). */
export function clientProfile(clientId: string, personality: Personality, random: SeededRandom, invoicesPerMonth?: number): ClientProfile {
  const country = weighted(random, COUNTRIES);
  const name = `${random.pick(NAME_STEMS)}${random.pick(NAME_ENDINGS)} ${random.pick(TRADES)} ${country.legalForm}`;
  const contact = personName(random);
  // Log-uniform between 400 and 15,000 major units: many small clients, a few large ones.
  const typicalAmount = BigInt(Math.round(40_000 * 37.5 ** random.next()));
  return {
    clientId,
    name,
    personality,
    currency: country.currency,
    agreement: {
      paymentTerms: weighted(random, TERMS).terms,
      timezone: country.timezone,
      contact: { ...contact, preferredChannel: random.chance(0.8) ? 'email' : 'phone' },
      accountManager: random.pick(ACCOUNT_MANAGERS),
      responseTimeBusinessDays: 2,
      ...(random.chance(0.7) && { lateFeePolicy: { fixedFee: '40.00', annualInterestRate: '8.00', compounding: 'simple', graceDays: 0 } }),
    },
    typicalAmount,
    invoicesPerMonth:
      invoicesPerMonth ??
      weighted(random, [
        { count: 1, weight: 15 },
        { count: 2, weight: 4 },
        { count: 3, weight: 1 },
      ]).count,
  };
}
