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
 * folder (`TEMPLATES_DIR`, by default `DATA_DIR/templates`), same names. A set is read and checked
 * as a whole — every message rendered in every language with a full sample letter, under strict
 * variables and filters — so a broken override is found before any letter uses it.
 *
 * At load a broken override stops the start naming its file and line. Later, an override changed in
 * the folder is read again before the next letter: a good one is used from then on, a broken one is
 * refused (`refused` names its file and line) and the letters keep the last good set, so a typo made
 * while the service runs never stops delivery nor sends a half-written letter.
 */
export class LetterTemplates {
  private constructor(
    private set: TemplateSet,
    private readonly overrideDir: string | undefined,
    /** What the override folder held when `set` or the last refusal was read (names, sizes, times). */
    private folderState: string,
    private readonly onChange: (change: TemplatesChange) => void,
    private refusal: TemplateError | undefined = undefined,
  ) {}

  /** Reads the shipped templates and the overrides in `overrideDir` (when it exists) and checks them all; throws a TemplateError. */
  static load(options: { overrideDir?: string; onChange?: (change: TemplatesChange) => void } = {}): LetterTemplates {
    const overrideDir = options.overrideDir && resolve(options.overrideDir);
    const folderState = folderStateOf(overrideDir);
    return new LetterTemplates(TemplateSet.read(overrideDir), overrideDir, folderState, options.onChange ?? (() => undefined));
  }

  /** The override files in use, relative to their folder. */
  get overrides(): readonly string[] {
    return this.current().overrides;
  }

  /**
   * The overrides in use and, when a change was refused since the last good set was read, why (file and
   * line); letters use the last good set meanwhile. One look at the folder for both.
   */
  status(): { overrides: readonly string[]; refused?: string } {
    const { overrides } = this.current();
    return { overrides, ...(this.refusal && { refused: this.refusal.message }) };
  }

  renderLetter(letter: ScheduledLetter): RenderedLetter {
    return this.current().renderLetter(letter);
  }

  renderReminder(letter: LetterContent): RenderedLetter {
    return this.current().renderReminder(letter);
  }

  renderPromiseConfirmation(confirmation: PromiseConfirmation): RenderedLetter {
    return this.current().renderPromiseConfirmation(confirmation);
  }

  renderStatementCover(cover: StatementCover): RenderedLetter {
    return this.current().renderStatementCover(cover);
  }

  /** The set to render with: read again when the override folder changed since it was last read. */
  private current(): TemplateSet {
    const folderState = folderStateOf(this.overrideDir);
    if (folderState === this.folderState) return this.set;
    this.folderState = folderState;
    try {
      this.set = TemplateSet.read(this.overrideDir);
      this.refusal = undefined;
      this.onChange({ overrides: this.set.overrides });
    } catch (error) {
      // A file removed or half-written while it was read counts as refused too: the next change reads again.
      this.refusal = error instanceof TemplateError ? error : new TemplateError(`${this.overrideDir}: ${String(error)}`);
      this.onChange({ refused: this.refusal.message });
    }
    return this.set;
  }
}

/** What reading the override folder again gave: the overrides now in use, or the refusal (the last good set stays). */
export type TemplatesChange = { overrides: readonly string[] } | { refused: string };

/** Every file below `directory` with its size and modification time: what tells that an override changed. */
const folderStateOf = (directory: string | undefined): string => {
  if (!directory || !existsSync(directory)) return '';
  try {
    return filesWithStamps(directory);
  } catch (error) {
    // Changing under our feet (a file removed between listing and stat): a state of its own, read again next time.
    return `unreadable: ${String(error)}`;
  }
};

const filesWithStamps = (directory: string): string => {
  const entries: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      const stats = statSync(path);
      if (stats.isDirectory()) visit(path);
      else entries.push(`${path}\t${stats.size}\t${stats.mtimeMs}`);
    }
  };
  visit(directory);
  return entries.join('\n');
};

/** One checked set of templates: the shipped ones with the overrides read at one moment. */
class TemplateSet {
  private constructor(
    private readonly html: Liquid,
    private readonly text: Liquid,
    private readonly files: TemplateFiles,
    /** The override files in use, relative to their folder. */
    readonly overrides: readonly string[],
  ) {}

  /** Reads the shipped templates and the overrides in `overrideDir` (when it exists) and checks them all; throws a TemplateError. */
  static read(overrideDir: string | undefined): TemplateSet {
    const files = readTemplates(SHIPPED_TEMPLATES_DIR);
    const overrides = overrideDir && existsSync(overrideDir) ? readTemplates(overrideDir) : undefined;
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
    const templates = new TemplateSet(engine(true), engine(false), files, [...(overrides?.paths.keys() ?? [])].sort());
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
