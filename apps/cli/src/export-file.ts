import { canonicalJson } from '@settle/command-pipeline';
import type { RecordedEvent } from '@settle/event-store';

/**
 * The export format: NDJSON, one event per line in global order, then one closing line with the
 * count. Without the closing line a truncated file (disk full, interrupted copy) would import as a
 * shorter history whose chains still verify; with it, truncation is refused.
 * Lines are canonical JSON (RFC 8785), so exports of the same history from any store are identical
 * except for `position`, which is the source store's own.
 */
export interface ExportedEvent {
  streamId: string;
  /** Decimal string: revisions are bigints. */
  revision: string;
  id: string;
  type: string;
  data: unknown;
  /** As recorded, `recordedAt` and `hash` included. */
  metadata: Record<string, unknown>;
  /** Where the event stood in the source store (informational: a target store assigns its own). */
  position: string;
}

export interface ExportEnd {
  endOfExport: { events: number };
}

export const eventLine = (event: RecordedEvent): string =>
  canonicalJson({
    streamId: event.streamId,
    revision: event.revision.toString(),
    id: event.id,
    type: event.type,
    data: event.data ?? null,
    metadata: event.metadata,
    position: event.position,
  } satisfies ExportedEvent) + '\n';

export const endLine = (events: number): string => canonicalJson({ endOfExport: { events } } satisfies ExportEnd) + '\n';

export type ExportLine = { kind: 'event'; event: ExportedEvent } | { kind: 'end'; events: number };

/** Parses and checks the shape of one line; `lineNumber` (1-based) names it in the error. */
export function parseLine(text: string, lineNumber: number): ExportLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportFileError(`line ${lineNumber} is not JSON`);
  }
  if (!isObject(value)) throw new ExportFileError(`line ${lineNumber} is not a JSON object`);
  if ('endOfExport' in value) {
    const events = isObject(value.endOfExport) ? value.endOfExport.events : undefined;
    if (!Number.isSafeInteger(events)) throw new ExportFileError(`line ${lineNumber}: endOfExport.events must be a count`);
    return { kind: 'end', events: events as number };
  }
  const { streamId, revision, id, type, metadata, position } = value;
  const fieldsValid =
    typeof streamId === 'string' &&
    streamId !== '' &&
    typeof revision === 'string' &&
    /^(0|[1-9]\d*)$/.test(revision) &&
    typeof id === 'string' &&
    typeof type === 'string' &&
    type !== '' &&
    'data' in value &&
    isObject(metadata) &&
    typeof metadata.hash === 'string' &&
    typeof position === 'string';
  if (!fieldsValid)
    throw new ExportFileError(`line ${lineNumber} is not an exported event (streamId, revision, id, type, data, metadata.hash, position)`);
  return { kind: 'event', event: value as unknown as ExportedEvent };
}

/** The file is not a complete Settle export. */
export class ExportFileError extends Error {
  constructor(detail: string) {
    super(`Not a complete Settle export: ${detail}`);
    this.name = 'ExportFileError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
