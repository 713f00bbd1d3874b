import { Agent, request } from 'node:http';
import { CallApi } from './seed-over-http';

/**
 * The API at `baseUrl` (http) with a key, over keep-alive connections and without a response
 * timeout: a collections cycle over a large portfolio may well take minutes to answer.
 */
export function httpApi(baseUrl: string, key: string): CallApi {
  const agent = new Agent({ keepAlive: true });
  return ({ method, path, body }) =>
    new Promise((resolve, reject) => {
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
      call.on('error', reject);
      call.end(payload);
    });
}
