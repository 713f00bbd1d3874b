import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { creditorReference, isValidCreditorReference, LETTER_LANGUAGES, lateFeeTermsOn, type LetterContent } from '@settle/domain';
import { LetterTemplates, sampleReminderLetter, samplePromiseConfirmation, sampleStatementCover, TemplateError } from '@settle/letters';

const LEVELS: LetterContent['level'][] = ['reminder', 'firm_reminder', 'final_notice', 'agency'];
const NBSP = '\u00a0';

/**
 * The letters (SPEC 9): every message in every language rendered from one fixed account (two overdue
 * invoices, one with a late fee and interest, creditor references per invoice), kept as snapshots so a
 * change of wording is a reviewed change; the figures in each language's own formats; the operator's
 * overrides and how a broken one is refused.
 */
describe('letters', () => {
  const shipped = LetterTemplates.load();

  describe.each(LETTER_LANGUAGES)('in %s', (language) => {
    it.each(LEVELS)('%s', (level) => {
      expect(shipped.renderReminder(sampleReminderLetter(level, language))).toMatchSnapshot();
    });

    it('promise confirmation', () => {
      expect(shipped.renderPromiseConfirmation(samplePromiseConfirmation(language))).toMatchSnapshot();
    });

    it('statement cover', () => {
      expect(shipped.renderStatementCover(sampleStatementCover(language))).toMatchSnapshot();
    });

    it.each(LEVELS)('%s names every overdue invoice, the total, how to pay with the reference, and our contact, in both parts', (level) => {
      const letter = shipped.renderReminder(sampleReminderLetter(level, language));
      for (const part of [letter.text, letter.html]) {
        expect(part).toContain('INV-2026-001');
        expect(part).toContain('INV-2026-014');
        expect(part).toContain('RF10INV2026001');
        expect(part).toContain('NL91 ABNA 0417 1643 00');
        expect(part).toContain('ABNANL2A');
        expect(part).toContain('Max Mulder');
        expect(part).toContain('max@ourfirm.example');
      }
      expect(letter.language).toBe(language);
      expect(letter.html).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${language}">`));
    });
  });

  it.each([
    // As CLDR writes them (Intl): a no-break space (U+00A0) between amount and currency sign in nl, de and ru, and as
    // the group separator in ru (1 234,56), so that no line breaks inside an amount.
    ['en', '€1,234.56', '€1,790.88', '04/03/2026', '4 May 2026'],
    ['nl', `€${NBSP}1.234,56`, `€${NBSP}1.790,88`, '04-03-2026', '4 mei 2026'],
    ['de', `1.234,56${NBSP}€`, `1.790,88${NBSP}€`, '04.03.2026', '4. Mai 2026'],
    ['ru', `1${NBSP}234,56${NBSP}€`, `1${NBSP}790,88${NBSP}€`, '04.03.2026', '4 мая 2026 г.'],
  ] as const)('writes %s amounts and dates the local way', (language, principal, total, dueOn, deadline) => {
    const { text, subject } = shipped.renderReminder(sampleReminderLetter('final_notice', language));
    expect(text).toContain(principal);
    expect(text).toContain(total);
    expect(text).toContain(dueOn);
    // ICU puts a no-break space (narrow in some versions) before the Russian "г.": the words are compared, not the space's width.
    const spaced = (words: string) => words.replace(/[\u00a0\u202f]/g, ' ');
    expect(spaced(text)).toContain(deadline);
    expect(spaced(subject)).toContain(deadline);
  });

  it('states the agreed late fee and interest rate in the firm reminder', () => {
    expect(shipped.renderReminder(sampleReminderLetter('firm_reminder', 'en')).text).toContain(
      'a late fee of €40.00 per invoice and interest at 10.50% a year on the overdue amount',
    );
    expect(shipped.renderReminder(sampleReminderLetter('firm_reminder', 'de')).text).toContain(`Verzugszinsen von 10,50${NBSP}% p. a.`);
  });

  it('states a statutory preset with its fixed sum and the rate of the half year', () => {
    // de_b2b on 15 September 2025: EUR 40 per late invoice, Basiszinssatz 1.27 % (1 July 2025) + 9 points.
    const lateFeePolicy = lateFeeTermsOn({ preset: 'de_b2b', compounding: 'simple', graceDays: 0 }, '2025-09-15', [1_000_000n]);
    const { text } = shipped.renderReminder({ ...sampleReminderLetter('firm_reminder', 'de'), lateFeePolicy });
    expect(text).toContain(`eine Mahngebühr von 40,00${NBSP}€ je Rechnung sowie Verzugszinsen von 10,27${NBSP}% p. a.`);
  });

  it.each([
    ['en', 'uk_b2b', 'Under the Late Payment of Commercial Debts (Interest) Act 1998, overdue invoices incur'],
    ['de', 'de_b2b', 'Gemäß § 288 BGB berechnen wir für verspätete Zahlungen'],
    ['nl', 'nl_b2b', 'Op grond van art. 6:119a BW brengen wij bij te late betaling'],
    ['ru', 'eu_b2b', 'В соответствии с Директивой 2011/7/ЕС о борьбе с просрочкой платежей по коммерческим сделкам при просрочке'],
  ] as const)('cites the law, not our agreement, for the terms of a statutory preset (%s, %s)', (language, preset, wording) => {
    const lateFeePolicy = lateFeeTermsOn({ preset, compounding: 'simple', graceDays: 0 }, '2025-09-15', [1_000_000n]);
    const { text, html } = shipped.renderReminder({ ...sampleReminderLetter('firm_reminder', language), lateFeePolicy });
    const agreed = shipped.renderReminder(sampleReminderLetter('firm_reminder', language));
    for (const part of [text, html]) expect(part).toContain(wording);
    expect(agreed.text).not.toContain(wording);
  });

  it('escapes what the records hold in the HTML part, and leaves the text part as written', () => {
    const letter = shipped.renderReminder({ ...sampleReminderLetter('reminder', 'en'), recipient: { name: '<b>Ada</b> & Co' } });
    expect(letter.html).toContain('Dear &lt;b&gt;Ada&lt;/b&gt; &amp; Co,');
    expect(letter.text).toContain('Dear <b>Ada</b> & Co,');
  });

  it('leaves out the fee columns when nothing but principal is owed, and the payment block when the agreement has none', () => {
    const { payment: _payment, ...sample } = sampleReminderLetter('reminder', 'en');
    const letter = shipped.renderReminder({
      ...sample,
      lines: sample.lines.map((line) => ({ ...line, lateFees: '0', interest: '0', total: line.principal })),
      totals: { principal: '173456', lateFees: '0', interest: '0', total: '173456' },
    });
    expect(letter.html).not.toContain('Late fees');
    expect(letter.text).not.toContain('late fees');
    expect(letter.text).not.toContain('How to pay');
    expect(letter.text).toContain('Total due: €1,734.56');
  });

  describe('ISO 11649 creditor references', () => {
    it('carry check digits a bank accepts', () => {
      expect(creditorReference('539007547034')).toBe('RF18539007547034'); // the standard's own example
      expect(creditorReference('INV-2026-001')).toBe('RF10INV2026001');
      expect(isValidCreditorReference('RF18539007547034')).toBe(true);
      expect(isValidCreditorReference('RF19539007547034')).toBe(false);
      for (const id of ['acme', 'Client-42', 'x', 'ABCDEFGHIJKLMNOPQRSTU'])
        expect(isValidCreditorReference(creditorReference(id)!)).toBe(true);
    });

    it('cannot carry an id with more than 21 letters and digits, or none', () => {
      expect(creditorReference('ABCDEFGHIJKLMNOPQRSTUV')).toBeUndefined();
      expect(creditorReference('--')).toBeUndefined();
    });
  });

  describe("the operator's overrides", () => {
    let folder: string;
    beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'settle-templates-'))));
    afterEach(() => rmSync(folder, { recursive: true, force: true }));
    const override = (name: string, source: string) => {
      const path = join(folder, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, source);
      return path;
    };

    it('replace a shipped template file by file, and nothing else', () => {
      override('en/reminder.subject.txt', 'Friendly nudge from Our Firm: {{ lines | map: "invoice" | join: ", " }}');
      const letters = LetterTemplates.load({ overrideDir: folder });
      expect(letters.overrides).toEqual(['en/reminder.subject.txt']);
      expect(letters.renderReminder(sampleReminderLetter('reminder', 'en')).subject).toBe(
        'Friendly nudge from Our Firm: INV-2026-001, INV-2026-014',
      );
      expect(letters.renderReminder(sampleReminderLetter('reminder', 'nl')).subject).toBe(
        shipped.renderReminder(sampleReminderLetter('reminder', 'nl')).subject,
      );
      expect(letters.renderReminder(sampleReminderLetter('firm_reminder', 'en'))).toEqual(
        shipped.renderReminder(sampleReminderLetter('firm_reminder', 'en')),
      );
    });

    it('may replace a shared part: every letter of the language that includes it changes', () => {
      override('de/_footer.txt', 'Mit besten Grüßen\n{{ contact.name }}, Buchhaltung');
      const letters = LetterTemplates.load({ overrideDir: folder });
      for (const level of LEVELS)
        expect(letters.renderReminder(sampleReminderLetter(level, 'de')).text).toContain('Max Mulder, Buchhaltung');
    });

    it('are refused when a tag is not closed, naming the file and line', () => {
      const path = override('en/firm_reminder.txt', 'Dear {{ recipient }},\n\n{% if lines.size > 1 %}\nSeveral invoices.\n');
      expect(() => LetterTemplates.load({ overrideDir: folder })).toThrow(TemplateError);
      expect(() => LetterTemplates.load({ overrideDir: folder })).toThrow(`${path}:3:1: tag {% if lines.size > 1 %} not closed`);
    });

    it('are refused when they name a figure the letter does not have, naming the file and line', () => {
      const path = override('nl/final_notice.html', '<p>Geachte {{ recipient }},</p>\n<p>{{ total_amount }}</p>\n');
      expect(() => LetterTemplates.load({ overrideDir: folder })).toThrow(`${path}:2:7: undefined variable: total_amount`);
    });

    it('are refused when they use a filter Liquid does not have', () => {
      const path = override('ru/reminder.txt', '{{ recipient | shout }}\n');
      expect(() => LetterTemplates.load({ overrideDir: folder })).toThrow(`${path}:1:1: undefined filter: shout`);
    });

    it('are refused when Settle has no template of that name', () => {
      const path = override('en/remindr.txt', 'Dear {{ recipient }}');
      expect(() => LetterTemplates.load({ overrideDir: folder })).toThrow(`${path}: not a template Settle uses`);
    });
  });
});
