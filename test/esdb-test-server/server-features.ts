import type { handleUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';

/** The EventStoreDB version the test server claims to be (one that sends CaughtUp on subscriptions). */
export const SERVER_VERSION = '24.10.0';

/**
 * ServerFeatures.GetSupportedMethods, listing only what this server implements, with the
 * features a real server attaches. The client picks BatchAppend over Append when it is listed.
 */
export function supportedMethodsHandler(options: { batchAppend: boolean }): handleUnaryCall<Empty, SupportedMethods> {
  const method = (serviceName: string, methodName: string, features: string[] = []) =>
    new SupportedMethod().setServiceName(serviceName).setMethodName(methodName).setFeaturesList(features);
  const streams = 'event_store.client.streams.streams';
  const methods = [
    method(streams, 'read', ['position', 'events']),
    method(streams, 'append'),
    ...(options.batchAppend ? [method(streams, 'batchappend', ['deadline_duration'])] : []),
    method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
  ];
  const supported = new SupportedMethods().setEventStoreServerVersion(SERVER_VERSION).setMethodsList(methods);
  return (_call, callback) => callback(null, supported);
}
