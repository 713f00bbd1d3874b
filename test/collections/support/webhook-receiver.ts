import { createServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  /** The exact bytes received, as text: what the signature covers. */
  body: string;
  status: number;
  /** When it arrived (ms since the epoch). */
  receivedAt: number;
}

/** A real HTTP receiver on a free local port; `answer` decides the status of each request (default 204). */
export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  answer: (request: { headers: IncomingHttpHeaders; body: string; index: number }) => number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: '', received: [], answer: () => 204, close: async () => undefined };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = receiver.answer({ headers: request.headers, body, index: receiver.received.length });
      receiver.received.push({ headers: request.headers, body, status, receivedAt: Date.now() });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/hooks/settle`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
