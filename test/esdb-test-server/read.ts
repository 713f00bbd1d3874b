import { randomUUID } from 'node:crypto';
import { status, type handleServerStreamingCall } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { eventFilterOf, type EventFilter } from './event-filter';
import type { EsdbLog, StoredEvent } from './log';
import { checkpointResponse, positionOf, readEventResponse, streamNameOf } from './proto';
import { ResponseWriter } from './response-writer';

const BACKWARDS = ReadReq.Options.ReadDirection.BACKWARDS;

/**
 * Streams.Read: reads of one stream or of `$all` (forwards/backwards, count, filter), and
 * catch-up-then-live subscriptions (confirmation, events, checkpoints when filtered, caught-up).
 */
export function readHandler(log: EsdbLog): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    const options = call.request.getOptions();
    const writer = new ResponseWriter(call);
    if (!options) {
      call.emit('error', { code: status.INVALID_ARGUMENT, details: 'Read options are required' });
      return;
    }
    const run = options.hasSubscription() ? subscribe(log, options, writer) : read(log, options, writer);
    run.catch((error: unknown) => call.emit('error', { code: status.INTERNAL, details: String(error) }));
  };
}

async function read(log: EsdbLog, options: ReadReq.Options, writer: ResponseWriter<ReadResp>): Promise<void> {
  const selected = options.hasStream() ? selectFromStream(log, options) : selectFromAll(log, options);
  if (selected === 'stream_not_found') {
    const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(options.getStream()?.getStreamIdentifier());
    await writer.write(new ReadResp().setStreamNotFound(notFound));
    writer.end();
    return;
  }
  const filter = eventFilterOf(options);
  let remaining = options.hasCount() ? BigInt(options.getCount()) : BigInt(Number.MAX_SAFE_INTEGER);
  for (const event of selected) {
    if (remaining === 0n || writer.closed) break;
    if (filter && !filter.matches(event)) continue;
    await writer.write(readEventResponse(event, options.getUuidOption()));
    remaining -= 1n;
  }
  writer.end();
}

function selectFromStream(log: EsdbLog, options: ReadReq.Options): Iterable<StoredEvent> | 'stream_not_found' {
  const streamOptions = options.getStream()!;
  const events = log.stream(streamNameOf(streamOptions.getStreamIdentifier()));
  if (!events) return 'stream_not_found';
  const last = events.length - 1;
  if (options.getReadDirection() === BACKWARDS) {
    const from = streamOptions.hasRevision() ? Math.min(Number(streamOptions.getRevision()), last) : streamOptions.hasStart() ? 0 : last;
    return indexRange(from, -1, (index) => events[index]);
  }
  const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : streamOptions.hasEnd() ? events.length : 0;
  return indexRange(from, events.length, (index) => events[index]);
}

/** `$all` forwards reads include the event at the given position; backwards reads start before it. */
function selectFromAll(log: EsdbLog, options: ReadReq.Options): Iterable<StoredEvent> {
  const allOptions = options.getAll()!;
  const position = allOptions.getPosition();
  const at = (index: number) => log.events[index];
  if (options.getReadDirection() === BACKWARDS) {
    const from = position ? log.indexFrom(positionOf(position), true) - 1 : allOptions.hasStart() ? -1 : log.events.length - 1;
    return indexRange(from, -1, at);
  }
  const from = position ? log.indexFrom(positionOf(position), true) : allOptions.hasEnd() ? log.events.length : 0;
  return indexRange(from, log.events.length, at);
}

/** Indexes from `from` towards `until` (exclusive): upwards when `until` is above, else downwards. */
function* indexRange<T>(from: number, until: number, at: (index: number) => T): Iterable<T> {
  if (until === -1) for (let index = from; index > until; index--) yield at(index);
  else for (let index = from; index < until; index++) yield at(index);
}

/**
 * A catch-up subscription walks the log from its start point; once at the end it says so
 * (CaughtUp) and keeps following new appends. The same cursor serves both phases, so nothing
 * appended in between is skipped or sent twice.
 */
async function subscribe(log: EsdbLog, options: ReadReq.Options, writer: ResponseWriter<ReadResp>): Promise<void> {
  const filter = options.hasAll() ? eventFilterOf(options) : undefined;
  const { cursor: start, matches } = options.hasStream()
    ? streamSubscriptionStart(log, options)
    : allSubscriptionStart(log, options, filter);
  let cursor = start;
  let considered = 0;
  let caughtUp = false;
  let pumping = false;

  const pump = async () => {
    if (pumping) return;
    pumping = true;
    while (!writer.closed) {
      if (cursor < log.events.length) {
        const event = log.events[cursor++];
        if (matches(event)) await writer.write(readEventResponse(event, options.getUuidOption()));
        if (filter && ++considered % filter.checkpointInterval === 0) await writer.write(checkpointResponse(event.position));
        continue;
      }
      if (caughtUp) break;
      caughtUp = true;
      await writer.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    }
    pumping = false;
  };

  writer.onClose(log.onAppend(() => void pump()));
  await writer.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
  await pump();
}

interface SubscriptionStart {
  cursor: number;
  matches(event: StoredEvent): boolean;
}

/** Subscriptions start strictly after the given position. */
function allSubscriptionStart(log: EsdbLog, options: ReadReq.Options, filter: EventFilter | undefined): SubscriptionStart {
  const allOptions = options.getAll()!;
  const position = allOptions.getPosition();
  const cursor = position ? log.indexFrom(positionOf(position), false) : allOptions.hasEnd() ? log.events.length : 0;
  return { cursor, matches: (event) => filter?.matches(event) ?? true };
}

/** Stream subscriptions start strictly after the given revision. */
function streamSubscriptionStart(log: EsdbLog, options: ReadReq.Options): SubscriptionStart {
  const streamOptions = options.getStream()!;
  const streamId = streamNameOf(streamOptions.getStreamIdentifier());
  const firstRevision = streamOptions.hasRevision()
    ? BigInt(streamOptions.getRevision()) + 1n
    : streamOptions.hasEnd()
      ? BigInt(log.stream(streamId)?.length ?? 0)
      : 0n;
  return {
    cursor: streamOptions.hasEnd() ? log.events.length : 0,
    matches: (event) => event.streamId === streamId && event.revision >= firstRevision,
  };
}
