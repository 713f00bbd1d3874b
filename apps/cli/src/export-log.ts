import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EventStore, Position } from '@settle/event-store';
import { endLine, eventLine } from './export-file';

export interface ExportSummary {
  events: number;
  streams: number;
}

/**
 * Writes every event of the store in global order, then the closing line. Reads page by page and
 * waits for the output to drain before the next page, so memory stays at one page (plus the set of
 * stream ids, for the summary) however long the log.
 */
export async function exportLog(store: EventStore, output: Writable, pageSize = 1_000): Promise<ExportSummary> {
  const streams = new Set<string>();
  let events = 0;
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) break;
    for (const event of page) streams.add(event.streamId);
    events += page.length;
    after = page[page.length - 1].position;
    await write(output, page.map(eventLine).join(''));
  }
  await write(output, endLine(events));
  return { events, streams: streams.size };
}

async function write(output: Writable, text: string): Promise<void> {
  if (!output.write(text)) await once(output, 'drain');
}
