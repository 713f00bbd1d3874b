import { createRequire } from 'node:module';
import type { Any } from 'google-protobuf/google/protobuf/any_pb';
import type { Empty as GoogleEmptyMessage } from 'google-protobuf/google/protobuf/empty_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { type ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { LogPosition, StoredEvent } from './log';

/**
 * Conversions between the client's protobuf messages and the log. The messages are the ones the
 * client package ships (generated/*_pb.js), so both ends speak exactly the same wire format.
 */

// `Any` must come from the same google-protobuf copy as the client's generated messages.
const requireFromClient = createRequire(require.resolve('@eventstore/db-client/generated/status_pb.js'));
const AnyMessage: new () => Any = requireFromClient('google-protobuf/google/protobuf/any_pb.js').Any;
const GoogleEmpty: new () => GoogleEmptyMessage = requireFromClient('google-protobuf/google/protobuf/empty_pb.js').Empty;

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(streamId: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(streamId, 'utf8')));
}

export function parseUuid(uuid: UUID | undefined): string {
  if (!uuid) return '';
  const structured = uuid.getStructured();
  if (!structured) return uuid.getString();
  const hex = [structured.getMostSignificantBits(), structured.getLeastSignificantBits()]
    .map((half) => BigInt.asUintN(64, BigInt(half)).toString(16).padStart(16, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function uuidMessage(id: string, option: ReadReq.Options.UUIDOption | undefined): UUID {
  const uuid = new UUID();
  if (!option?.hasStructured()) return uuid.setString(id);
  const hex = id.replace(/-/g, '');
  const half = (from: number) => BigInt.asIntN(64, BigInt(`0x${hex.slice(from, from + 16)}`)).toString();
  return uuid.setStructured(new UUID.Structured().setMostSignificantBits(half(0)).setLeastSignificantBits(half(16)));
}

export function positionOf(message: { getCommitPosition(): string; getPreparePosition(): string }): LogPosition {
  return { commit: BigInt(message.getCommitPosition()), prepare: BigInt(message.getPreparePosition()) };
}

export function readEventResponse(event: StoredEvent, uuidOption: ReadReq.Options.UUIDOption | undefined): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, uuidOption))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.commit.toString())
    .setPreparePosition(event.position.prepare.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', event.createdTicks.toString());
  const readEvent = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.commit.toString());
  return new ReadResp().setEvent(readEvent);
}

export function checkpointResponse(position: LogPosition): ReadResp {
  return new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint().setCommitPosition(position.commit.toString()).setPreparePosition(position.prepare.toString()),
  );
}

/** google.rpc.Status details, packed the way the server does and the client unpacks. */
export function packDetails(message: { serializeBinary(): Uint8Array }, typeName: string): Any {
  const any = new AnyMessage();
  any.pack(message.serializeBinary(), typeName);
  return any;
}

/** The event_store.client.Empty marker (Append, Read). */
export const empty = () => new Empty();
/** The google.protobuf.Empty marker (BatchAppend, WrongExpectedVersion details). */
export const googleEmpty = () => new GoogleEmpty();
