export * from './shared/types';
export * from './shared/errors';
export * from './agreement/agreement';
export * from './client-account/events';
export * from './client-account/commands';
