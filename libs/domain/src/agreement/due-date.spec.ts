import { DEFAULT_BUSINESS_HOURS } from './agreement';
import { type BusinessCalendar } from './calendar';
import { dueDate, invoiceDueDate } from './due-date';

const calendar: BusinessCalendar = { businessHours: DEFAULT_BUSINESS_HOURS, holidays: [] };
const holidays = (...dates: string[]): BusinessCalendar => ({ ...calendar, holidays: dates });

describe('dueDate', () => {
  describe('net N', () => {
    it('is the issue date + N days', () => {
      expect(dueDate('2026-01-05', { type: 'net', days: 30 }, calendar)).toBe('2026-02-04'); // Wed
      expect(dueDate('2026-01-05', { type: 'net', days: 0 }, calendar)).toBe('2026-01-05');
    });

    it('rolls a Saturday to Monday', () => {
      expect(dueDate('2026-01-01', { type: 'net', days: 30 }, calendar)).toBe('2026-02-02'); // Sat 01-31 → Mon
    });

    it('rolls a holiday to the next business day', () => {
      expect(dueDate('2026-01-05', { type: 'net', days: 30 }, holidays('2026-02-04'))).toBe('2026-02-05');
    });

    it('rolls past a weekend followed by a holiday', () => {
      expect(dueDate('2026-01-01', { type: 'net', days: 30 }, holidays('2026-02-02'))).toBe('2026-02-03');
    });
  });

  describe('due on receipt', () => {
    it('is the issue date', () => {
      expect(dueDate('2026-03-03', { type: 'due_on_receipt' }, calendar)).toBe('2026-03-03');
    });

    it('issued on a Saturday is due on Monday', () => {
      expect(dueDate('2026-03-07', { type: 'due_on_receipt' }, calendar)).toBe('2026-03-09');
    });
  });

  describe('end of month + N', () => {
    it.each([
      ['2026-01-10', 15, '2026-02-16'], // 01-31 + 15 = Sun 02-15 → Mon
      ['2026-01-31', 15, '2026-02-16'], // issued on the last day: same month end
      ['2026-02-10', 15, '2026-03-16'], // 28-day February: 02-28 + 15 = Sun 03-15 → Mon
      ['2028-02-10', 15, '2028-03-15'], // leap year: 02-29 + 15 = Wed 03-15
      ['2026-04-20', 0, '2026-04-30'], // 30-day month, Thu
      ['2026-05-02', 0, '2026-06-01'], // 31-day month ending on Sunday → Mon
      ['2026-12-05', 10, '2027-01-11'], // across the year: Sun 01-10 → Mon
    ])('issued %s, end of month + %i → %s', (issuedOn, days, expected) => {
      expect(dueDate(issuedOn, { type: 'end_of_month', days }, calendar)).toBe(expected);
    });
  });
});

describe('invoiceDueDate', () => {
  const terms = { type: 'net', days: 30 } as const;

  it('follows the terms without an explicit date', () => {
    expect(invoiceDueDate('2026-01-01', undefined, terms, calendar)).toBe('2026-02-02');
  });

  it('takes an explicit dueOn as given, even on a weekend', () => {
    expect(invoiceDueDate('2026-01-01', '2026-01-31', terms, calendar)).toBe('2026-01-31');
    expect(invoiceDueDate('2026-01-01', '2026-01-01', terms, calendar)).toBe('2026-01-01');
  });

  it('refuses a dueOn before the issue date', () => {
    expect(() => invoiceDueDate('2026-01-10', '2026-01-09', terms, calendar)).toThrow(
      expect.objectContaining({ kind: 'validation', code: 'due_before_issue', field: 'dueOn' }),
    );
  });

  it('refuses a dueOn that is not a date', () => {
    expect(() => invoiceDueDate('2026-01-10', '10/02/2026', terms, calendar)).toThrow(
      expect.objectContaining({ code: 'invalid_date', field: 'dueOn' }),
    );
  });
});
