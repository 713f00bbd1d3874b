/** Injection tokens for the infrastructure the modules share. */
export const CLOCK = Symbol('CLOCK');
export const EVENT_STORE = Symbol('EVENT_STORE');
