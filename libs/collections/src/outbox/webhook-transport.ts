import { createHmac } from 'node:crypto';
import { type ReminderDelivery, type ReminderTransport } from './reminder-delivery';

export interface WebhookOptions {
  url: string;
  /** Key of the HMAC-SHA256 signature over the exact body bytes. */
  secret: string;
  timeoutMs?: number;
}

export const SIGNATURE_HEADER = 'X-Settle-Signature';
export const EVENT_ID_HEADER = 'X-Settle-Event-Id';

/** `sha256=<hex>`: what a receiver recomputes over the raw body with the shared secret. */
export const webhookSignature = (body: string, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * Delivers every reminder as a signed JSON POST (SPEC 5). The event id travels as the dedupe key
 * (`X-Settle-Event-Id` and `Idempotency-Key`): delivery is at least once, so receivers deduplicate.
 * Any 2xx is a delivery; anything else, or no answer in time, is a failure to retry.
 */
export class WebhookTransport implements ReminderTransport {
  readonly name = 'webhook';

  constructor(private readonly options: WebhookOptions) {}

  /** The body: the scheduled reminder with its figures (`letter`) and, when rendered, the letter itself (`rendered`). */
  async send({ eventId, reminder, attempt, letter }: ReminderDelivery): Promise<void> {
    const body = JSON.stringify({ type: 'ReminderScheduled', eventId, ...reminder, ...(letter && { rendered: letter }) });
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [SIGNATURE_HEADER]: webhookSignature(body, this.options.secret),
        [EVENT_ID_HEADER]: eventId,
        'Idempotency-Key': eventId,
        'X-Settle-Delivery-Attempt': String(attempt),
      },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    // Read the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`webhook answered ${response.status} ${response.statusText}`);
  }
}
