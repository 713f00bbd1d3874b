import { clientIdOfStream, streamIdForClient } from './events';

describe('the client stream name', () => {
  it('is client-<clientId>, and only such a stream names a client', () => {
    expect(streamIdForClient('acme-42')).toBe('client-acme-42');
    expect(clientIdOfStream(streamIdForClient('acme-42'))).toBe('acme-42');
    expect(clientIdOfStream('$projections-client_facts')).toBeUndefined();
  });
});
