import { type CollectionsCommandType, type IsoInstant } from '@settle/domain';

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
