import { type ClientAccountEvent, type CollectionsCommandType, type IsoInstant } from '@settle/domain';
import { type DecidedStreamCommand } from '@settle/command-pipeline';

/** What one collections cycle did (the answer of `POST /v1/admin/collections/run`). */
export interface CycleSummary {
  /** The instant decided for: `asOf`, or the clock when the cycle started. */
  asOf: IsoInstant;
  clientsExamined: number;
  /** Clients for which something new was recorded. */
  clientsActedOn: number;
  /**
   * Clients left alone because the process already decided for them after `asOf`: deciding in the
   * past of its own record, on facts learnt since, could only contradict it (a replay decides nothing).
   */
  clientsDecidedLater: number;
  /** New decisions by command type; a re-run for the same instant decides none. */
  commandsDecided: Partial<Record<CollectionsCommandType, number>>;
  eventsAppended: number;
  /** Clients whose run failed (the others went on); retried by the next cycle. */
  failures: { clientId: string; error: string }[];
  durationMs: number;
}

export interface ClientRunResult {
  clientId: string;
  decidedLater: boolean;
  decided: CollectionsCommandType[];
  eventsAppended: number;
}

export const emptySummary = (asOf: IsoInstant): CycleSummary => ({
  asOf,
  clientsExamined: 0,
  clientsActedOn: 0,
  clientsDecidedLater: 0,
  commandsDecided: {},
  eventsAppended: 0,
  failures: [],
  durationMs: 0,
});

export const addClientRun = (summary: CycleSummary, run: ClientRunResult): void => {
  summary.clientsExamined++;
  if (run.eventsAppended > 0) summary.clientsActedOn++;
  if (run.decidedLater) summary.clientsDecidedLater++;
  summary.eventsAppended += run.eventsAppended;
  for (const type of run.decided) summary.commandsDecided[type] = (summary.commandsDecided[type] ?? 0) + 1;
};

/** What a cycle would record (the answer of `POST /v1/admin/collections/run` with `dryRun: true`); nothing is recorded. */
export interface CyclePreview extends Omit<CycleSummary, 'clientsActedOn' | 'eventsAppended'> {
  dryRun: true;
  /** Events a real cycle for the same instant would append. */
  eventsToAppend: number;
  /** The clients a real cycle would act on, by client id, each with the commands and the events it would record. */
  clients: { clientId: string; commands: PreviewedCommand[] }[];
}

export interface PreviewedCommand {
  commandId: string;
  type: CollectionsCommandType;
  /** The command as JSON (amounts as strings); a reminder's message is in it. */
  content: unknown;
  events: ClientAccountEvent[];
}

export const emptyPreview = (asOf: IsoInstant): CyclePreview => ({
  asOf,
  dryRun: true,
  clientsExamined: 0,
  clientsDecidedLater: 0,
  commandsDecided: {},
  eventsToAppend: 0,
  clients: [],
  failures: [],
  durationMs: 0,
});

export const addClientPreview = (
  preview: CyclePreview,
  run: { clientId: string; decidedLater: boolean; commands: (DecidedStreamCommand & { type: CollectionsCommandType })[] },
): void => {
  preview.clientsExamined++;
  if (run.decidedLater) preview.clientsDecidedLater++;
  if (run.commands.length === 0) return;
  preview.clients.push({
    clientId: run.clientId,
    commands: run.commands.map(({ commandId, type, content, events }) => ({ commandId, type, content, events })),
  });
  for (const { type, events } of run.commands) {
    preview.commandsDecided[type] = (preview.commandsDecided[type] ?? 0) + 1;
    preview.eventsToAppend += events.length;
  }
};
