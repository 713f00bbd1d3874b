export { startEsdbTestServer, type EsdbTestServer, type EsdbTestServerOptions } from './server';
export { EsdbLog, type StoredEvent, type ProposedEvent, type LogPosition } from './log';
