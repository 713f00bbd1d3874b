/**
 * An event id of the batch is already recorded, but not as this very batch at the expected place
 * (which would be an idempotent retry): the id was reused for something else.
 */
export class EventIdConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
  ) {
    super(`Stream ${streamId}: an event id of this batch is already recorded elsewhere (${eventIds.join(', ')})`);
    this.name = 'EventIdConflictError';
  }
}
