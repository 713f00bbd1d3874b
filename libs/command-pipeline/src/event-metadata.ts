/** Who acts: an API key's name and role, or one of the system's own processes. */
export type Role = 'clerk' | 'collector' | 'auditor' | 'admin';
export type EventSource = 'api' | 'collections' | 'system';

export interface Actor {
  actor: string;
  role: Role | 'system';
  source: EventSource;
}

/** Carried by every command from the edge (or a process) to the events it causes. */
export interface CommandContext extends Actor {
  correlationId: string;
  /** The event or request that caused this command; defaults to the correlation id. */
  causationId?: string;
}

export const CURRENT_SCHEMA_VERSION = 1;

/** SPEC 3.4: metadata of every recorded event. `hash` chains it to the stream's previous event (SPEC 6). */
export interface EventMetadata extends Actor {
  commandId: string;
  /** SHA-256 of the command's canonical content: the same id with other content is refused (409). */
  commandHash: string;
  correlationId: string;
  causationId: string;
  recordedAt: string;
  schemaVersion: number;
  hash: string;
}

export type UnsealedMetadata = Omit<EventMetadata, 'hash'>;
