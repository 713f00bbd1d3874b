import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ChainVerification, knownAt, sha256Hex, verifyChain } from '@settle/command-pipeline';
import { notFound, streamIdForClient } from '@settle/domain';
import { EventStore, type ReadStreamOptions, type StoredJsonEvent, withJsonText } from '@settle/event-store';
import { EVENT_STORE } from '@settle/runtime';
import { DateTime } from 'luxon';

/** Which page: oldest first after a revision already seen, or newest first below one. */
export type HistoryPageRequest = { order: 'asc'; after?: bigint } | { order: 'desc'; before?: bigint };

/** SPEC 6: a client's stream, a page at a time, oldest or newest first. */
export class GetHistoryQuery {
  constructor(
    readonly clientId: string,
    readonly page: HistoryPageRequest,
    readonly limit: number,
    /** The history as known then: only the events recorded at or before it. */
    readonly asOf?: DateTime,
  ) {}
}

/** SPEC 6: a client's whole stream at once, oldest first, for an auditor's download. */
export class ExportHistoryQuery {
  constructor(
    readonly clientId: string,
    /** The history as known then, as on the pages. */
    readonly asOf?: DateTime,
  ) {}
}

export class VerifyHistoryQuery {
  constructor(readonly clientId: string) {}
}

/**
 * One event of a page as JSON text: its stored data and metadata text go in as they are, unparsed. That
 * text is trusted as JSON only because the store wrote it from its own serialisation (see
 * `EventStore.readStreamJson`). The history shows events as stored: no upcast applies on this read.
 */
const eventJson = (event: StoredJsonEvent) =>
  `{"position":${JSON.stringify(event.position)},"revision":"${event.revision}","eventId":${JSON.stringify(event.id)},` +
  `"type":${JSON.stringify(event.type)},"data":${event.dataJson},"metadata":${event.metadataJson}}`;

/** Whether an event was known at `asOf`: `knownAt` on its metadata, parsed for that alone. */
const knownAtInstant = (event: StoredJsonEvent, asOf: DateTime) =>
  knownAt({ metadata: JSON.parse(event.metadataJson) as Record<string, unknown> }, asOf);

/** A page: its JSON text and its entity tag. */
export interface HistoryPage {
  json: string;
  entityTag: string;
}

/** The page's shape (`eventJson` and the envelope): a change to it must change this, and so every entity tag. */
const PAGE_FORMAT = 1;
/** The export's shape (`eventJson` a line each): a change to it must change this, and so every export's tag. */
const EXPORT_FORMAT = 'export/1';

/**
 * A weak entity tag named by what determines a response instead of a hash of its text (megabytes for a long
 * history): a stream's events never change once appended (no upcast applies here, nothing is redacted), so an
 * event is named by its id and position (a store a history moved to numbers positions anew). Weak: another store
 * may print the same events with other spacing. An edit made directly in the database (tampering) leaves the tag
 * as it was: `…/history/verify` is what finds that.
 */
const weakTag = (...named: unknown[]) => `W/"${sha256Hex(JSON.stringify(named))}"`;

/**
 * A page's tag: its first and last event, how many it shows, `next`, the instant and the format. A page that
 * grows, or gains a newer event at the top, names another.
 */
function pageTag(streamId: string, shown: StoredJsonEvent[], next: unknown, asOf: DateTime | undefined): string {
  const [first, last] = [shown[0], shown.at(-1)];
  return weakTag(PAGE_FORMAT, streamId, instantText(asOf), first?.id, first?.position, last?.id, last?.position, shown.length, next);
}

const instantText = (asOf: DateTime | undefined) => asOf?.toUTC().toISO() ?? '';

const clientNotFound = (clientId: string, asOf: DateTime | undefined) =>
  notFound('client_not_found', `No client ${clientId}${asOf ? ` as of ${instantText(asOf)}` : ''}`);

/** Newest-first reads as of an instant skip what was recorded later, this many events a read. */
const AS_OF_CHUNK = 500;

/**
 * The page as the JSON text of the response `{ clientId, streamId, events, next }`, written here so
 * that the events' data and metadata pass from the store to the response without being parsed and
 * printed again (the bulk of a long history's time).
 */
@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery, HistoryPage> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, page, limit, asOf }: GetHistoryQuery): Promise<HistoryPage> {
    const streamId = streamIdForClient(clientId);
    // One extra event tells whether another page follows.
    const { events, first } =
      page.order === 'asc'
        ? await this.oldestFirst(streamId, page.after, limit + 1, asOf)
        : await this.newestFirst(streamId, page.before, limit + 1, asOf);
    if (events.length === 0 && first) throw clientNotFound(clientId, asOf);
    const shown = events.slice(0, limit);
    const last = shown.at(-1)?.revision.toString();
    const next = events.length > limit && last !== undefined ? (page.order === 'asc' ? { after: last } : { before: last }) : null;
    const json =
      `{"clientId":${JSON.stringify(clientId)},"streamId":${JSON.stringify(streamId)},` +
      `"events":[${shown.map(eventJson).join(',')}],"next":${JSON.stringify(next)}}`;
    return { json, entityTag: pageTag(streamId, shown, next, asOf) };
  }

  private async oldestFirst(streamId: string, after: bigint | undefined, count: number, asOf: DateTime | undefined) {
    const fromRevision = after === undefined ? 0n : after + 1n;
    const read = await readJson(this.store, streamId, { fromRevision, maxCount: count });
    return { events: asOf ? read.filter((event) => knownAtInstant(event, asOf)) : read, first: fromRevision === 0n };
  }

  /** Up to `count` events below `before`, newest first; as of an instant, the newer ones are passed over. */
  private async newestFirst(streamId: string, before: bigint | undefined, count: number, asOf: DateTime | undefined) {
    const found: StoredJsonEvent[] = [];
    let fromRevision = before === undefined ? undefined : before - 1n;
    while (found.length < count && (fromRevision === undefined || fromRevision >= 0n)) {
      const maxCount = asOf ? Math.max(count, AS_OF_CHUNK) : count - found.length;
      const read = await readJson(this.store, streamId, { direction: 'backwards', fromRevision, maxCount });
      found.push(...(asOf ? read.filter((event) => knownAtInstant(event, asOf)) : read));
      const oldest = read.at(-1);
      if (read.length < maxCount || oldest === undefined) break;
      fromRevision = oldest.revision - 1n;
    }
    return { events: found, first: before === undefined };
  }
}

/** Every adapter reads the JSON text itself; a store without that read (a stand-in) is printed from its values. */
async function readJson(store: EventStore, streamId: string, options: ReadStreamOptions): Promise<StoredJsonEvent[]> {
  return store.readStreamJson ? store.readStreamJson(streamId, options) : (await store.readStream(streamId, options)).map(withJsonText);
}

/** An export: its entity tag and its events as NDJSON, a chunk of lines at a time. */
export interface HistoryExport {
  entityTag: string;
  /** Each chunk's lines, every line one event as `eventJson` writes it, ending with a newline. */
  chunks: AsyncIterable<string>;
}

/** Events an export reads per statement: its memory is a few chunks, whatever the length of the history. */
export const EXPORT_CHUNK = 1000;

/**
 * The whole stream as known at `asOf` (every event when none), oldest first, read a chunk at a time. The stream's
 * newest event is read first: the export ends with it (an event appended meanwhile waits for the next export), so
 * the tag — the stream, that event (id and position), the instant and the format — is known before the body and
 * names it. The first chunk is read before the handler answers, so a client with no event known at `asOf` is a
 * 404 before anything is sent; a store failure after that fails the iteration (the response is then aborted).
 */
@QueryHandler(ExportHistoryQuery)
export class ExportHistoryHandler implements IQueryHandler<ExportHistoryQuery, HistoryExport> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId, asOf }: ExportHistoryQuery): Promise<HistoryExport> {
    const streamId = streamIdForClient(clientId);
    const [newest] = await readJson(this.store, streamId, { direction: 'backwards', maxCount: 1 });
    if (newest === undefined) throw clientNotFound(clientId, asOf);
    const chunks = this.chunks(streamId, newest.revision, asOf);
    const first = await chunks.next();
    if (first.done) throw clientNotFound(clientId, asOf);
    return {
      entityTag: weakTag(EXPORT_FORMAT, streamId, instantText(asOf), newest.id, newest.position),
      chunks: startingWith(first.value, chunks),
    };
  }

  /** The events through revision `last` known at `asOf`, as NDJSON, a chunk at a time; chunks with none known are passed over. */
  private async *chunks(streamId: string, last: bigint, asOf: DateTime | undefined): AsyncGenerator<string, void, undefined> {
    for (let fromRevision = 0n; fromRevision <= last;) {
      const remaining = last - fromRevision + 1n;
      const maxCount = remaining < EXPORT_CHUNK ? Number(remaining) : EXPORT_CHUNK;
      const read = await readJson(this.store, streamId, { fromRevision, maxCount });
      const shown = asOf ? read.filter((event) => knownAtInstant(event, asOf)) : read;
      if (shown.length > 0) yield shown.map((event) => `${eventJson(event)}\n`).join('');
      const newestRead = read.at(-1);
      if (newestRead === undefined) return;
      fromRevision = newestRead.revision + 1n;
    }
  }
}

async function* startingWith<T>(first: T, rest: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  yield first;
  yield* rest;
}

@QueryHandler(VerifyHistoryQuery)
export class VerifyHistoryHandler implements IQueryHandler<VerifyHistoryQuery, ChainVerification> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ clientId }: VerifyHistoryQuery): Promise<ChainVerification> {
    const events = await this.store.readStream(streamIdForClient(clientId));
    if (events.length === 0) throw clientNotFound(clientId, undefined);
    return verifyChain(events);
  }
}
