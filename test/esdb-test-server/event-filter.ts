import { type ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { StoredEvent } from './log';

/** EventStoreDB reads this many events per page when filtering; it is the default search window. */
const DEFAULT_SEARCH_WINDOW = 32;

export interface EventFilter {
  matches(event: StoredEvent): boolean;
  /** A filtered subscription reports a checkpoint after this many considered events. */
  checkpointInterval: number;
}

/** The server-side filter of a `$all` read or subscription (stream-name or event-type; prefixes or regex). */
export function eventFilterOf(options: ReadReq.Options): EventFilter | undefined {
  const filter = options.getFilter();
  if (!filter) return undefined;
  const onStreamName = filter.hasStreamIdentifier();
  const expression = onStreamName ? filter.getStreamIdentifier() : filter.getEventType();
  const accepts = expressionMatcher(expression);
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return {
    matches: (event) => accepts(onStreamName ? event.streamId : event.type),
    checkpointInterval: Math.max(1, filter.getCheckpointintervalmultiplier()) * window,
  };
}

function expressionMatcher(expression: ReadReq.Options.FilterOptions.Expression | undefined): (value: string) => boolean {
  const prefixes = expression?.getPrefixList() ?? [];
  if (prefixes.length > 0) return (value) => prefixes.some((prefix) => value.startsWith(prefix));
  const regex = expression?.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (value) => pattern.test(value);
  }
  return () => true;
}
