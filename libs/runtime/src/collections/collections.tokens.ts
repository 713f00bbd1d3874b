/** The collections process's own executor over client streams (its fold: the case plus the behaviour facts). */
export const COLLECTIONS_EXECUTOR = Symbol('COLLECTIONS_EXECUTOR');
/** Whether this process runs the cycle and the dispatcher (still only while it holds the lock). */
export const RUNS_COLLECTIONS_PROCESS = Symbol('RUNS_COLLECTIONS_PROCESS');
