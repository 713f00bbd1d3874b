import { Agent, request } from 'node:http';
import { type ApiCall, type CallApi } from './seed-over-http';

/**
 * The API at `baseUrl` (http) with a key, over keep-alive connections and without a response
 * timeout: a collections cycle over a large portfolio may well take minutes to answer.
 */
export function httpApi(baseUrl: string, key: string): CallApi {
  const agent = new Agent({ keepAlive: true });
  return (call) =>
    send(agent, baseUrl, key, call).catch((error: unknown) => {
      // The server closed an idle kept-alive connection as the request went out on it: never processed, send again.
      if (error instanceof ReusedSocketReset) return send(agent, baseUrl, key, call);
      throw error;
    });
}

class ReusedSocketReset extends Error {}

function send(agent: Agent, baseUrl: string, key: string, { method, path, body }: ApiCall): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const call = request(
      new URL(path, baseUrl),
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${key}`,
          ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : undefined });
          } catch {
            resolve({ status: response.statusCode ?? 0, body: text });
          }
        });
      },
    );
    call.on('error', (error: NodeJS.ErrnoException) =>
      reject(call.reusedSocket && error.code === 'ECONNRESET' ? new ReusedSocketReset(error.message) : error),
    );
    call.end(payload);
  });
}
