import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '../contract/event-store.contract-helpers';
import { ApiChild } from '../operations/support/api-child';
import { dataDirectory, minimalClient } from '../operations/support/data-dirs';

/**
 * The operator's templates in a real API process (SPEC 9): an override put in DATA_DIR/templates changes
 * the next letter, without a rebuild or a restart; one broken while the service runs is refused (the
 * letters keep the last good templates, the log and GET /health name its file and line); a broken one
 * stops the start naming its file and line.
 */
describe('letter templates overridden in the data directory', () => {
  let directory: Awaited<ReturnType<typeof dataDirectory>>;
  let api: ApiChild | undefined;
  beforeAll(async () => (directory = await dataDirectory('templates')));
  afterAll(async () => {
    await api?.stop();
    directory.remove();
  });

  const override = (name: string, source: string): string => {
    const path = join(directory.path, 'templates', name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, source);
    return path;
  };
  const previewSubject = async (child: ApiChild): Promise<string> => {
    const response = await child.fetch('/v1/clients/acme/collections/letter-preview?level=reminder');
    expect(response.status).toBe(200);
    return ((await response.json()) as { subject: string }).subject;
  };

  const health = async (child: ApiChild) =>
    (await (await child.fetch('/health')).json()) as {
      status: string;
      info: { letterTemplates: { overrides: string[]; refused?: string } };
    };

  it('uses an override from the next letter on, refuses one broken while running, and refuses a broken one at start with its file and line', async () => {
    api = await ApiChild.start({ DATA_DIR: directory.path });
    expect((await api.fetch('/v1/clients', { method: 'POST', body: JSON.stringify(minimalClient('acme')) })).status).toBe(201);
    const invoice = { invoiceId: 'INV-7', amount: '250.00', currency: 'EUR', issuedOn: '2026-01-15', dueOn: '2026-02-13' };
    expect((await api.fetch('/v1/clients/acme/invoices', { method: 'POST', body: JSON.stringify(invoice) })).status).toBe(201);
    expect(await previewSubject(api)).toBe('Payment reminder: INV-7');

    override('en/reminder.subject.txt', 'A gentle nudge from Our Firm about {{ lines | map: "invoice" | join: ", " }}\n');
    expect(await previewSubject(api)).toBe('A gentle nudge from Our Firm about INV-7');
    expect((await health(api)).info.letterTemplates).toEqual({ status: 'up', overrides: ['en/reminder.subject.txt'] });

    const brokenWhileRunning = override('en/reminder.subject.txt', 'A nudge about {% if lines %}{{ lines.size }}\n');
    expect(await previewSubject(api)).toBe('A gentle nudge from Our Firm about INV-7');
    const degraded = await health(api);
    expect(degraded.status).toBe('degraded');
    expect(degraded.info.letterTemplates.refused).toContain(`${brokenWhileRunning}:1:15: tag {% if lines %} not closed`);
    const running = api;
    await eventually(() => running.log.includes('Letter template override refused') || undefined, 'the refusal in the log');

    override('en/reminder.subject.txt', 'Second notice about {{ lines | map: "invoice" | join: ", " }}\n');
    expect(await previewSubject(api)).toBe('Second notice about INV-7');
    expect((await health(api)).status).toBe('ok');
    await api.stop();

    api = await ApiChild.start({ DATA_DIR: directory.path });
    expect(await previewSubject(api)).toBe('Second notice about INV-7');
    expect(api.log).toContain('Letter templates overridden from');
    await api.stop();

    const broken = override('en/reminder.txt', 'Dear {{ recipient }},\n{% for line in lines %}\n- {{ line.invoice }}\n');
    api = await ApiChild.spawn({ DATA_DIR: directory.path });
    const exit = await api.exit(60_000);
    expect(exit.code).toBe(1);
    expect(api.log).toContain(`${broken}:2:1: tag {% for line in lines %} not closed`);
    api = undefined;
  });
});
