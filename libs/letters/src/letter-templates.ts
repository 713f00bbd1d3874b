import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Liquid, LiquidError } from 'liquidjs';
import { LETTER_LANGUAGES, type LetterContent, type LetterLanguage, type ScheduledLetter } from '@settle/domain';
import {
  LETTER_MESSAGES,
  type LetterMessage,
  type LetterPart,
  messageForLevel,
  type PromiseConfirmation,
  type RenderedLetter,
  type StatementCover,
} from './messages';
import { LEVEL_OF_MESSAGE, samplePromiseConfirmation, sampleReminderLetter, sampleStatementCover } from './samples';
import { promiseConfirmationView, reminderView, statementCoverView } from './view-model';

/** The templates shipped in the repository (`libs/letters/templates`; the build copies them beside the compiled code). */
export const SHIPPED_TEMPLATES_DIR = resolve(__dirname, '../templates');

/** A template Settle cannot use, named by file and line: it stops the start. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** Template files by name (`en/reminder.html`), and where each was read from. */
interface TemplateFiles {
  sources: Map<string, string>;
  paths: Map<string, string>;
}

/**
 * The letters' templates (SPEC 9): Liquid (liquidjs), one per message, language and part (subject,
 * HTML, plain text), shipped in the repository and overridable file by file from the operator's
 * folder (`TEMPLATES_DIR`, by default `DATA_DIR/templates`), same names. Everything is read and checked
 * once, at load — every message rendered in every language with a full sample letter, under strict
 * variables and filters — so a broken override stops the start naming its file and line, and a
 * letter rendered later from recorded figures is always the same letter.
 */
export class LetterTemplates {
  private constructor(
    private readonly html: Liquid,
    private readonly text: Liquid,
    private readonly files: TemplateFiles,
    /** The override files in use, relative to their folder. */
    readonly overrides: readonly string[],
  ) {}

  /** Reads the shipped templates and the overrides in `overrideDir` (when it exists) and checks them all; throws a TemplateError. */
  static load(options: { overrideDir?: string } = {}): LetterTemplates {
    const files = readTemplates(SHIPPED_TEMPLATES_DIR);
    const overrides = options.overrideDir && existsSync(options.overrideDir) ? readTemplates(resolve(options.overrideDir)) : undefined;
    for (const [name, path] of overrides?.paths ?? []) {
      if (!files.sources.has(name)) {
        throw new TemplateError(
          `${path}: not a template Settle uses (overrides take the name of a file in ${SHIPPED_TEMPLATES_DIR}, e.g. en/reminder.html)`,
        );
      }
      files.sources.set(name, overrides!.sources.get(name)!);
      files.paths.set(name, path);
    }
    const engine = (escape: boolean) =>
      new Liquid({
        templates: Object.fromEntries(files.sources),
        strictVariables: true,
        strictFilters: true,
        lenientIf: true,
        ownPropertyOnly: true,
        cache: true,
        ...(escape && { outputEscape: 'escape' as const }),
      });
    const templates = new LetterTemplates(engine(true), engine(false), files, [...(overrides?.paths.keys() ?? [])].sort());
    templates.checkEvery();
    return templates;
  }

  /** A letter the outbox delivers, from the figures recorded with it: a collections step's or a promise's confirmation. */
  renderLetter(letter: ScheduledLetter): RenderedLetter {
    switch (letter.level) {
      case 'reminder':
      case 'firm_reminder':
      case 'final_notice':
      case 'agency':
        return this.renderReminder(letter);
      case 'promise_confirmation':
        return this.renderPromiseConfirmation(letter);
      default: {
        const unknown: never = letter;
        throw new Error(`No template for the letter ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** The letter of a collections step, from the figures recorded with it. */
  renderReminder(letter: LetterContent): RenderedLetter {
    return this.render(messageForLevel(letter.level), letter.language, reminderView(letter));
  }

  renderPromiseConfirmation(confirmation: PromiseConfirmation): RenderedLetter {
    return this.render('promise_confirmation', confirmation.language, promiseConfirmationView(confirmation));
  }

  /** The covering letter of a statement of account. */
  renderStatementCover(cover: StatementCover): RenderedLetter {
    return this.render('statement_cover', cover.language, statementCoverView(cover));
  }

  private render(message: LetterMessage, language: LetterLanguage, view: object): RenderedLetter {
    const part = (name: LetterPart) => {
      const file = `${language}/${message}.${name}`;
      try {
        return (name === 'html' ? this.html : this.text).renderFileSync(file, view) as string;
      } catch (error) {
        throw new TemplateError(`${this.located(error, file)}: ${reason(error)}`);
      }
    };
    return {
      language,
      subject: part('subject.txt').replace(/\s+/g, ' ').trim(),
      html: part('html'),
      text: tidyText(part('txt')),
    };
  }

  /** Every message in every language, rendered once with a sample that fills in every optional part. */
  private checkEvery(): void {
    for (const language of LETTER_LANGUAGES) {
      for (const message of LETTER_MESSAGES) {
        const level = LEVEL_OF_MESSAGE[message];
        if (level) this.renderReminder(sampleReminderLetter(level, language));
        else if (message === 'promise_confirmation') this.renderPromiseConfirmation(samplePromiseConfirmation(language));
        else this.renderStatementCover(sampleStatementCover(language));
      }
    }
  }

  /** `<path>:<line>:<column>` of a Liquid error, in the file it was read from (an override or the shipped one). */
  private located(error: unknown, file: string): string {
    if (!(error instanceof LiquidError) || !error.token) return this.files.paths.get(file) ?? file;
    const [line, column] = error.token.getPosition();
    const name = error.token.file ?? file;
    return `${this.files.paths.get(name) ?? name}:${line}:${column}`;
  }
}

/** Every file under `root`, by its path relative to it (`en/reminder.html`). */
const readTemplates = (root: string): TemplateFiles => {
  const sources = new Map<string, string>();
  const paths = new Map<string, string>();
  const visit = (directory: string) => {
    for (const entry of readdirSync(directory).sort()) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) visit(path);
      else {
        const name = relative(root, path).split('\\').join('/');
        sources.set(name, readFileSync(path, 'utf8'));
        paths.set(name, path);
      }
    }
  };
  visit(root);
  return { sources, paths };
};

/** Liquid's message without the position it appends (the file and line are named in front). */
const reason = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/,? (file:\S+, )?line:\d+, col:\d+$/, '');

/** Plain text as a mail client shows it: no trailing blanks, at most one empty line in a row, one final newline. */
const tidyText = (text: string): string =>
  `${text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
