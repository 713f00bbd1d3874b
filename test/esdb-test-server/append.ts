import { status, type handleBidiStreamingCall, type handleClientStreamingCall } from '@grpc/grpc-js';
import { AllStreamPosition, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { type AppendReq, AppendResp, type BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { ExpectedVersion } from './commit-check';
import type { AppendOutcome, EsdbLog, ProposedEvent } from './log';
import { empty, googleEmpty, packDetails, parseUuid, streamIdentifier, streamNameOf } from './proto';

type ProposedMessage = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

/** Streams.Append (client streaming): one options message, then the proposed events. */
export function appendHandler(log: EsdbLog): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      options = request.getOptions() ?? options;
      const message = request.getProposedMessage();
      if (message) proposed.push(proposedEvent(message));
    });
    call.on('end', () => {
      if (!options) {
        callback({ code: status.INVALID_ARGUMENT, details: 'The first append message must carry the options' });
        return;
      }
      const expected = expectedOfAppend(options);
      callback(null, appendResponse(log.append(streamNameOf(options.getStreamIdentifier()), expected, proposed), expected));
    });
    call.on('error', () => undefined);
  };
}

/**
 * Streams.BatchAppend (bidirectional): many appends multiplexed by correlation id on one call;
 * an append may span several requests and is written when its `is_final` request arrives.
 */
export function batchAppendHandler(log: EsdbLog): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    const pending = new Map<string, { streamId: string; expected: ExpectedVersion; events: ProposedEvent[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = parseUuid(request.getCorrelationId());
      const options = request.getOptions();
      if (options) {
        pending.set(correlationId, {
          streamId: streamNameOf(options.getStreamIdentifier()),
          expected: expectedOfBatch(options),
          events: [],
        });
      }
      const append = pending.get(correlationId);
      if (!append) return;
      append.events.push(...request.getProposedMessagesList().map(proposedEvent));
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      const response = batchAppendResponse(log.append(append.streamId, append.expected, append.events), append.expected)
        .setCorrelationId(request.getCorrelationId())
        .setStreamIdentifier(streamIdentifier(append.streamId));
      call.write(response);
    });
    call.on('end', () => call.end());
    call.on('error', () => undefined);
  };
}

function proposedEvent(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    id: parseUuid(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

function expectedOfAppend(options: AppendReq.Options): ExpectedVersion {
  if (options.hasRevision()) return { kind: 'revision', revision: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function expectedOfBatch(options: BatchAppendReq.Options): ExpectedVersion {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function appendResponse(outcome: AppendOutcome, expected: ExpectedVersion): AppendResp {
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.current === 'no_stream') wrong.setCurrentNoStream(empty());
    else wrong.setCurrentRevision(outcome.current.toString());
    switch (expected.kind) {
      case 'any':
        wrong.setExpectedAny(empty());
        break;
      case 'no_stream':
        wrong.setExpectedNoStream(empty());
        break;
      case 'stream_exists':
        wrong.setExpectedStreamExists(empty());
        break;
      case 'revision':
        wrong.setExpectedRevision(expected.revision.toString());
        break;
    }
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.lastRevision === 'no_stream') success.setNoStream(empty());
  else success.setCurrentRevision(outcome.lastRevision.toString());
  if (outcome.position) {
    success.setPosition(
      new AppendResp.Position()
        .setCommitPosition(outcome.position.commit.toString())
        .setPreparePosition(outcome.position.prepare.toString()),
    );
  } else success.setNoPosition(empty());
  return new AppendResp().setSuccess(success);
}

function batchAppendResponse(outcome: AppendOutcome, expected: ExpectedVersion): BatchAppendResp {
  if (outcome.kind === 'wrong_expected_version') {
    const details = new WrongExpectedVersion();
    if (outcome.current === 'no_stream') details.setCurrentNoStream(googleEmpty());
    else details.setCurrentStreamRevision(outcome.current.toString());
    switch (expected.kind) {
      case 'any':
        details.setExpectedAny(googleEmpty());
        break;
      case 'no_stream':
        details.setExpectedNoStream(googleEmpty());
        break;
      case 'stream_exists':
        details.setExpectedStreamExists(googleEmpty());
        break;
      case 'revision':
        details.setExpectedStreamPosition(expected.revision.toString());
        break;
    }
    const error = new Status()
      .setCode(Code.ALREADY_EXISTS)
      .setMessage('WrongExpectedVersion')
      .setDetails(packDetails(details, 'event_store.client.WrongExpectedVersion'));
    return new BatchAppendResp().setError(error);
  }
  const success = new BatchAppendResp.Success();
  if (outcome.lastRevision === 'no_stream') success.setNoStream(googleEmpty());
  else success.setCurrentRevision(outcome.lastRevision.toString());
  if (outcome.position) {
    success.setPosition(
      new AllStreamPosition().setCommitPosition(outcome.position.commit.toString()).setPreparePosition(outcome.position.prepare.toString()),
    );
  } else success.setNoPosition(googleEmpty());
  return new BatchAppendResp().setSuccess(success);
}
