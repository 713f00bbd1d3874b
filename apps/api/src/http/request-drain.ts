import { type Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import { type NextFunction, type Request, type Response } from 'express';

/** A request that arrived after the process was told to stop: 503, and the client reconnects elsewhere. */
export class ShuttingDownError extends Error {
  constructor() {
    super('This instance is shutting down; retry the request shortly');
    this.name = 'ShuttingDownError';
  }
}

/**
 * Stopping without dropping a request: what is in flight completes, what arrives meanwhile is refused
 * with 503, and every connection is closed after its last answer (`Connection: close`) rather than
 * reset under a client that kept it alive.
 */
export class RequestDrain {
  private draining = false;
  private readonly inFlight = new Set<Response>();
  private onIdle?: () => void;

  /** Express middleware, first in line. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (this.draining) {
      // Read the body first: closing a connection with unread data in it resets it under the client,
      // which would then never see the 503.
      request.once('end', () => next(new ShuttingDownError())).resume();
      return;
    }
    this.inFlight.add(response);
    response.once('close', () => {
      this.inFlight.delete(response);
      if (this.inFlight.size === 0) this.onIdle?.();
    });
    next();
  };

  /**
   * Stops accepting connections, lets the requests in flight finish (at most `timeoutMs`), answers
   * 503 to any that arrives meanwhile on a kept-alive connection, then closes every connection.
   */
  async drain(server: Server, timeoutMs: number): Promise<void> {
    this.draining = true;
    for (const response of this.inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
    // net's close, not http's: http's would also cut idle kept-alive connections now, resetting a request
    // that a client is sending on one at this instant; until the drain ends, such a request gets a 503.
    const closed = new Promise<void>((done) => NetServer.prototype.close.call(server, () => done()));
    // Whatever still hangs after the grace period (a stuck request) is cut.
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    if (this.inFlight.size > 0) await new Promise<void>((done) => (this.onIdle = done));
    server.closeIdleConnections();
    await closed;
    clearTimeout(deadline);
  }
}
