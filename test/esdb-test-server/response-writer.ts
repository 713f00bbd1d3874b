import type { ServerWritableStream } from '@grpc/grpc-js';

/**
 * Writes responses of one server-streaming call with back-pressure (waits for `drain`), and
 * knows when the call is gone — cancelled by the client or cut by a server stop.
 */
export class ResponseWriter<Response> {
  private open = true;
  private readonly closeListeners: Array<() => void> = [];

  constructor(private readonly call: ServerWritableStream<unknown, Response>) {
    const close = () => this.close();
    call.on('cancelled', close);
    call.on('close', close);
    call.on('error', close);
  }

  get closed(): boolean {
    return !this.open;
  }

  onClose(listener: () => void): void {
    if (this.open) this.closeListeners.push(listener);
    else listener();
  }

  async write(response: Response): Promise<void> {
    if (!this.open || this.call.write(response)) return;
    await new Promise<void>((resolve) => {
      this.call.once('drain', resolve);
      this.onClose(resolve);
    });
  }

  end(): void {
    if (this.open) this.call.end();
    this.close();
  }

  private close(): void {
    if (!this.open) return;
    this.open = false;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
