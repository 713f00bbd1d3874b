import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type Figure, SECTIONS, type SectionId } from './figures';

const BEGIN = '<!-- bench:begin (written by npm run bench; edit below the end marker) -->';
const END = '<!-- bench:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The measured part of BENCHMARKS.md: one table per section, every figure with its goal and command. */
export function renderFigures(
  figures: readonly Figure[],
  machine: string,
  totalSeconds: number,
  pending: readonly string[],
  smoke: boolean,
  goals: string,
): string {
  const sections = (Object.keys(SECTIONS) as SectionId[]).map((section) => {
    const rows = figures.filter((figure) => figure.section === section);
    const body =
      rows.length === 0
        ? '_Not measured in this run._'
        : [
            '| measurement | value | goal | | details | command |',
            '| --- | ---: | --- | --- | --- | --- |',
            ...rows.map(
              (figure) =>
                `| ${cell(figure.label)} | **${figure.value}** | ${figure.goal?.text ?? ''} | ${figure.goal ? (figure.goal.reached ? 'reached' : '**missed**') : ''} | ${cell(figure.note ?? '')} | \`${figure.command}\` |`,
            ),
          ].join('\n');
    return `### ${SECTIONS[section]}\n\n${body}`;
  });
  return [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${smoke ? ' at SMOKE size (not representative)' : ''} in ${Math.round(totalSeconds / 60)} min on: ${machine}.`,
    'Everything: `npm run build && npm run bench` (the build is part of `npm run bench`). Each figure names the command that measures it again.',
    ...(pending.length > 0 ? [`Not measured: ${pending.join('; ')}.`] : []),
    '',
    goals,
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}

/** Replaces the measured part of the file and keeps the hand-written analysis after it. */
export function writeReport(path: string, measured: string): void {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const end = previous.indexOf(END);
  const handWritten =
    end >= 0 ? previous.slice(end + END.length) : '\n\n## Analysis\n\n_Written by hand after a run: goals missed and why._\n';
  writeFileSync(path, `# Benchmarks\n\n${BEGIN}\n\n${measured}\n${END}${handWritten}`);
}
