export * from './clock';
export * from './event-metadata';
export * from './hash-chain';
export * from './keyed-serializer';
export * from './stream-command-executor';
export * from './upcast';
export * from './client-accounts';
export * from './command-identity';
