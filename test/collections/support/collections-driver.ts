import { DateTime } from 'luxon';
import { addDays, type IsoDate, streamIdForClient } from '@settle/domain';
import { type CycleSummary, ReminderDispatcher } from '@settle/collections';
import { clientBody, type TestApp } from '../../support/test-app';

const ZONE = 'Europe/Amsterdam';

/**
 * Registration overrides: the test client's agreement with no booking lag (`bookingLagBusinessDays: 0`; the default is
 * 2 business days), plus `agreement`, for tests whose client-facing steps follow the ladder's own days.
 */
export const withoutBookingLag = (clientId: string, agreement: Record<string, unknown> = {}) => ({
  agreement: { ...clientBody(clientId).agreement, bookingLagBusinessDays: 0, ...agreement },
});

/** Drives one app through the API day by day, the way a finance team and the schedule would. */
export class CollectionsDriver {
  constructor(readonly app: TestApp) {}

  /** Moves the app's clock to `time` local (Amsterdam) on `date`. */
  at(date: IsoDate, time = '10:00'): this {
    this.app.clock.set(DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC());
    return this;
  }

  get today(): IsoDate {
    return this.app.clock.now().setZone(ZONE).toISODate()!;
  }

  async register(clientId: string, overrides: Record<string, unknown> = {}): Promise<void> {
    await this.app.as('clerk').post('/v1/clients').send(clientBody(clientId, overrides)).expect(201);
  }

  async invoice(clientId: string, invoiceId: string, amount: string, dates: { issuedOn?: IsoDate; dueOn?: IsoDate } = {}): Promise<void> {
    await this.app
      .as('clerk')
      .post(`/v1/clients/${clientId}/invoices`)
      .send({ invoiceId, amount, currency: 'EUR', ...dates })
      .expect(201);
  }

  async pay(clientId: string, paymentId: string, amount: string, extra: Record<string, unknown> = {}): Promise<void> {
    await this.app
      .as('clerk')
      .post(`/v1/clients/${clientId}/payments`)
      .send({ paymentId, amount, currency: 'EUR', ...extra })
      .expect(201);
  }

  async interaction(clientId: string, body: Record<string, unknown>): Promise<void> {
    const occurredAt = this.app.clock.now().toUTC().toISO();
    await this.app
      .as('collector')
      .post(`/v1/clients/${clientId}/interactions`)
      .send({ occurredAt, ...body })
      .expect(201);
  }

  /** `POST /v1/admin/collections/run`, for the clock's now or `asOf`. */
  async run(asOf?: string): Promise<CycleSummary> {
    const response = await this.app
      .as('admin')
      .post('/v1/admin/collections/run')
      .send(asOf ? { asOf } : {})
      .expect(200);
    const summary = response.body as CycleSummary;
    if (summary.failures.length > 0) throw new Error(`Cycle failures: ${JSON.stringify(summary.failures)}`);
    return summary;
  }

  /** Every day from `from` through `through` at `time`: `each` first (the day's business), then the cycle. */
  async daily(
    from: IsoDate,
    through: IsoDate,
    each: (date: IsoDate) => Promise<void> = async () => undefined,
    time = '10:00',
  ): Promise<void> {
    for (let date = from; date <= through; date = addDays(date, 1)) {
      this.at(date, time);
      await each(date);
      await this.run();
    }
  }

  async case(clientId: string) {
    return (await this.app.as('collector').get(`/v1/clients/${clientId}/collections`).expect(200)).body;
  }

  /** The stream's events of these types, with the data and the recording day. */
  async events(
    clientId: string,
    ...types: string[]
  ): Promise<{ type: string; data: Record<string, unknown>; recordedOn: IsoDate; commandId: string }[]> {
    const events = await this.app.store.readStream(streamIdForClient(clientId));
    return events
      .filter((event) => types.length === 0 || types.includes(event.type))
      .map((event) => ({
        type: event.type,
        data: event.data as Record<string, unknown>,
        recordedOn: DateTime.fromISO(String(event.metadata.recordedAt)).setZone(ZONE).toISODate()!,
        commandId: String(event.metadata.commandId),
      }));
  }

  /** Delivers every reminder due now and waits for it. */
  async deliver(): Promise<void> {
    await this.app.app.get(ReminderDispatcher).drain();
  }
}
