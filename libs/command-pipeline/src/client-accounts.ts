import { type DateTime } from 'luxon';
import {
  type ClientAccountCommand,
  clientAccountDecider,
  type ClientAccountState,
  notFound,
  type RegisteredAccount,
  streamIdForClient,
} from '@settle/domain';
import { type EventStore } from '@settle/event-store';
import { type Clock } from './clock';
import { commandIdentity } from './command-identity';
import { type CommandContext } from './event-metadata';
import { type CommandOutcome, type ExecutorOptions, StreamCommandExecutor, type StreamSnapshot } from './stream-command-executor';

/** The write side of client accounts: API commands in, events out, and the folded account for reads. */
export class ClientAccounts {
  private readonly executor: StreamCommandExecutor<ClientAccountState>;

  constructor(store: EventStore, clock: Clock, options?: ExecutorOptions) {
    this.executor = new StreamCommandExecutor(store, clientAccountDecider, clock, options);
  }

  execute(command: ClientAccountCommand, context: CommandContext): Promise<CommandOutcome<ClientAccountState>> {
    return this.executor.execute(
      {
        streamId: streamIdForClient(command.data.clientId),
        commandId: commandIdentity(command),
        content: command,
        decide: (state, now) => clientAccountDecider.decide(command, state, now),
      },
      context,
    );
  }

  /** The account now, or as known at `asOf`; 404 when the client was not registered (by then). */
  async get(clientId: string, asOf?: DateTime): Promise<StreamSnapshot<RegisteredAccount>> {
    const streamId = streamIdForClient(clientId);
    const snapshot = asOf ? await this.executor.loadAsOf(streamId, asOf) : await this.executor.load(streamId);
    const { state } = snapshot;
    if (state.status !== 'registered') throw notFound('client_not_found', `No client ${clientId}${asOf ? ` as of ${asOf.toISO()}` : ''}`);
    return { ...snapshot, state };
  }
}
