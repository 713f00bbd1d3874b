import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { EventStore, EventToAppend } from '@settle/event-store';
import { ExportFileError, parseLine, type ExportedEvent } from './export-file';
import { StreamChains } from './stream-chains';

export interface ImportSummary {
  events: number;
  streams: number;
}

/** Consecutive events of one stream are appended together, up to this many. */
const MAX_EVENTS_PER_APPEND = 500;

/** The target already holds events: an import never merges into an existing history. */
export class TargetNotEmptyError extends Error {
  constructor() {
    super('The target store is not empty: import only into a store without events');
    this.name = 'TargetNotEmptyError';
  }
}

/**
 * Loads an export into an empty store. Nothing is written unless the whole file verifies first: its
 * shape, its closing count and every stream's hash chain (`BrokenChainError` names the client and
 * revision). Events keep their ids, metadata and revisions; the import's global order is the file's.
 */
export async function importLog(store: EventStore, file: string): Promise<ImportSummary> {
  await assertEmpty(store);
  const summary = await verifyExportFile(file);
  await appendExportFile(store, file);
  return summary;
}

async function assertEmpty(store: EventStore): Promise<void> {
  if ((await store.readAll({ maxCount: 1 })).length > 0) throw new TargetNotEmptyError();
}

/** The first pass: reads the file once, keeping only each stream's last hash. */
export async function verifyExportFile(file: string): Promise<ImportSummary> {
  const chains = new StreamChains();
  let declared: number | undefined;
  for await (const { event, end, lineNumber } of exportLines(file)) {
    if (declared !== undefined) throw new ExportFileError(`line ${lineNumber} follows the closing line`);
    if (end !== undefined) declared = end;
    else chains.add(event!.streamId, BigInt(event!.revision), event!);
  }
  if (declared === undefined) throw new ExportFileError('the closing line is missing (the file is truncated)');
  if (declared !== chains.events) throw new ExportFileError(`the closing line counts ${declared} events, the file holds ${chains.events}`);
  return { events: chains.events, streams: chains.streams };
}

/** The second pass, over a verified file: runs of one stream's events become one append at the revision they had. */
async function appendExportFile(store: EventStore, file: string): Promise<void> {
  let run: ExportedEvent[] = [];
  const flush = async () => {
    if (run.length === 0) return;
    const first = BigInt(run[0].revision);
    await store.append(run[0].streamId, run.map(toAppend), first === 0n ? 'no_stream' : first - 1n);
    run = [];
  };
  for await (const { event } of exportLines(file)) {
    if (!event) continue;
    if (run.length > 0 && (run[0].streamId !== event.streamId || run.length === MAX_EVENTS_PER_APPEND)) await flush();
    run.push(event);
  }
  await flush();
}

const toAppend = ({ id, type, data, metadata }: ExportedEvent): EventToAppend => ({ id, type, data, metadata });

async function* exportLines(file: string): AsyncGenerator<{ event?: ExportedEvent; end?: number; lineNumber: number }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === '') continue;
    const line = parseLine(text, lineNumber);
    yield line.kind === 'event' ? { event: line.event, lineNumber } : { end: line.events, lineNumber };
  }
}
