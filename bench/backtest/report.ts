import { ALL_PERSONALITIES, PERSONALITY_LABELS } from '../../scripts/portfolio';
import { type ClientOutcome, groupFigures, type GroupFigures, type SeedResult } from './backtest';

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)} %`);
const ratio = (part: number, whole: number) => `${part}/${whole} (${percent(part, whole)})`;

const figuresRow = (label: string, figures: GroupFigures) =>
  `| ${label} | ${figures.clients} | ${figures.defaulters === 0 ? '–' : ratio(figures.flagged60, figures.defaulters)} | ${
    figures.defaulters === 0 ? '–' : ratio(figures.flagged30, figures.defaulters)
  } | ${figures.medianLeadDays ?? '–'} | ${figures.nonDefaulters === 0 ? '–' : ratio(figures.falseAlarms, figures.nonDefaulters)} | ${
    figures.nonDefaulters === 0 ? '–' : figures.falseAlarmsBeforeBaseline
  } |`;

/** Per personality and overall, for one seed. */
export function renderSummary(result: SeedResult): string {
  const rows = ALL_PERSONALITIES.map((personality) => ({
    personality,
    outcomes: result.clients.filter((client) => client.personality === personality),
  })).filter(({ outcomes }) => outcomes.length > 0);
  return [
    `Seed \`${result.seed}\`: ${result.clients.length} clients, ${result.weeks} weekly runs, ${(result.millis / 1000).toFixed(1)} s.`,
    '',
    '| personality | clients | defaulters flagged ≥ 60 days before | ≥ 30 days before | median lead (days) | false alarms | of which before a payment baseline |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(({ personality, outcomes }) => figuresRow(`${personality} (${PERSONALITY_LABELS[personality]})`, groupFigures(outcomes))),
    figuresRow('**all**', groupFigures(result.clients)),
  ].join('\n');
}

/** One row per client: what it was, when it defaulted, when and how it was first warned about. */
export function renderClients(outcomes: readonly ClientOutcome[]): string {
  return [
    '| client | personality | defaults on | first warning | by | before a payment baseline | lead (days) | weekly warnings | worst risk | refused commands |',
    '| --- | --- | --- | --- | --- | --- | ---: | ---: | --- | ---: |',
    ...outcomes.map(
      (outcome) =>
        `| ${outcome.clientId} | ${outcome.personality} | ${outcome.defaultsOn ?? ''} | ${outcome.firstWarning?.on ?? ''} | ${
          outcome.firstWarning?.kind ?? ''
        } | ${outcome.firstWarning?.beforeBaseline ? 'yes' : ''} | ${outcome.leadDays ?? ''} | ${outcome.warnings} | ${outcome.worstRisk} | ${outcome.refused} |`,
    ),
  ].join('\n');
}

/** Every seed and all seeds together, as one line each (for BENCHMARKS.md and the bench figures). */
export function overall(results: readonly SeedResult[]): { seed: string; figures: GroupFigures }[] {
  return [
    ...results.map((result) => ({ seed: result.seed, figures: groupFigures(result.clients) })),
    { seed: 'all seeds', figures: groupFigures(results.flatMap((result) => result.clients)) },
  ];
}
