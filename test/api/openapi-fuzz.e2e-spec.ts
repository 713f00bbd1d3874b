import { brotliCompressSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { clientBody, startTestApp, type TestApp } from '../support/test-app';

/**
 * Every malformed request is a 4xx (SPEC 7, issue 11): a fuzz driven by the OpenAPI document the API
 * serves. For each operation with a body or parameters, fast-check derives broken variants from its
 * schema — a required field missing, wrong types, nulls, NUL and lone surrogates, huge strings, deep
 * nesting, prototype and unknown keys, bodies that are not objects, corrupt or unknown encodings,
 * wrong content types, bad query and path values — and sends them with an admin key. Each must be
 * refused with a 4xx problem+json carrying a `code`, and the store holds as many events afterwards.
 * Seeded: a failure prints the seed and the shrunk request; `FUZZ_SEED=<n>` replays a run, `FUZZ_RUNS=<n>` runs more.
 */

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
}

interface Operation {
  key: string;
  method: 'get' | 'post' | 'put';
  path: string;
  pathParameters: string[];
  query: Parameter[];
  body?: Schema;
}

type JsonPath = (string | number)[];
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What is broken in a request: small, so that a failure prints readably (huge values are built from a size). */
type Mutation =
  | { kind: 'missing'; at: JsonPath }
  | { kind: 'wrong-type'; at: JsonPath; value: Json }
  | { kind: 'null'; at: JsonPath }
  | { kind: 'unstorable'; at: JsonPath; text: string }
  | { kind: 'huge'; at: JsonPath; length: number }
  | { kind: 'deep'; at: JsonPath; depth: number }
  | { kind: 'prototype-key'; at: JsonPath; key: (typeof PROTOTYPE_KEYS)[number] }
  | { kind: 'unknown-key'; at: JsonPath; key: string }
  | { kind: 'not-an-object'; text: string }
  | { kind: 'encoding'; encoding: string; bytes: number[] }
  | { kind: 'content-type'; contentType: string }
  | { kind: 'query'; name: string; value: string }
  | { kind: 'path'; name: string; value: string };

interface Case {
  operation: string;
  mutation: Mutation;
}

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_302);
const RANDOM_RUNS = Number(process.env.FUZZ_RUNS ?? 400);

/** Ids the seeded store holds, so that a path reaches an existing client, invoice or payment. */
const PATH_VALUES: Record<string, string> = { clientId: 'acme', invoiceId: 'INV-1', paymentId: 'PAY-1' };
/** Keys naming prototype machinery: stripped or skipped silently on the way to validation unless refused first. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'valueOf', 'toString', 'hasOwnProperty'] as const;

/** Raw (already percent-encoded) query and path values no parameter accepts. */
const BAD_PARAMETER_VALUES = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF%FE',
  '-1.5',
  'NaN',
  '%5Bobject%20Object%5D',
  '0000-01-01T00%3A00%3A00Z',
  '9999-12-31T00%3A00%3A00Z',
  '2099-01-01T00%3A00%3A00Z',
  '%20',
];
const BAD_ID_VALUES = ['%00', 'a%00b', '%ED%A0%80', '-leading-dash', 'a%20b', '%E2%82%AC', 'x'.repeat(101), '%2E%2E'];

describe('every malformed request is refused (a fuzz over the OpenAPI document)', () => {
  let t: TestApp;
  let operations: Operation[];
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    t = await startTestApp();
    await t.as('admin').post('/v1/clients').send(clientBody('acme')).expect(201);
    await t
      .as('admin')
      .post('/v1/clients/acme/invoices')
      .send({ invoiceId: 'INV-1', amount: '100.00', currency: 'EUR', issuedOn: '2026-02-02' })
      .expect(201);
    await t.as('admin').post('/v1/clients/acme/payments').send({ paymentId: 'PAY-1', amount: '10.00', currency: 'EUR' }).expect(201);
    const document = (await t.http.get('/docs-json').expect(200)).body as OpenApiDocument;
    schemas = document.components.schemas;
    operations = operationsOf(document);
  });
  afterAll(async () => t?.close());

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf) return schema.allOf.map(resolve).reduce((merged, part) => ({ ...merged, ...part }), { ...schema, allOf: undefined });
    return schema;
  };

  /** A plausible value for a schema (every property; its example, first enum value…): the base each mutation breaks. */
  const sample = (raw: Schema): Json => {
    const schema = resolve(raw);
    // Every property, so that each one can be broken (an object's example may leave some out).
    if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, sample(property)]));
    if (schema.example !== undefined) return schema.example as Json;
    if (schema.enum) return schema.enum[0] as Json;
    if (schema.type === 'array') return [sample(schema.items ?? {})];
    if (schema.type === 'number' || schema.type === 'integer') return 1;
    if (schema.type === 'boolean') return true;
    return 'text';
  };

  /** Every property path of a schema, with its schema (arrays through their first item). */
  const propertiesOf = (raw: Schema, at: JsonPath = []): { at: JsonPath; schema: Schema; required: boolean }[] => {
    const schema = resolve(raw);
    if (schema.type === 'array' && schema.items) return propertiesOf(schema.items, [...at, 0]);
    return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => [
      { at: [...at, name], schema: resolve(property), required: schema.required?.includes(name) ?? false },
      ...propertiesOf(property, [...at, name]),
    ]);
  };

  /** The paths of the objects in a body (the body itself first), where keys can be added. */
  const objectsOf = (schema: Schema): JsonPath[] => [
    [],
    ...propertiesOf(schema).flatMap(({ at: path, schema: property }) =>
      property.properties ? [path] : property.items && resolve(property.items).properties ? [[...path, 0]] : [],
    ),
  ];

  /** A JSON value of any type but the schema's. */
  const wrongTypeFor = (schema: Schema): fc.Arbitrary<Json> => {
    const type = schema.properties ? 'object' : (schema.type ?? 'string');
    const candidates: Record<string, fc.Arbitrary<Json>> = {
      string: fc.string({ minLength: 1, maxLength: 8 }),
      number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      boolean: fc.boolean(),
      array: fc.constantFrom<Json>([], [1], ['a']),
      object: fc.constantFrom<Json>({}, { a: 1 }),
    };
    const excluded = type === 'integer' ? 'number' : type;
    // A string holding a number is still a string: the DTOs never convert body values.
    return fc.oneof(...Object.entries(candidates).flatMap(([name, arbitrary]) => (name === excluded ? [] : [arbitrary])));
  };

  const unstorableText = fc
    .tuple(fc.string({ maxLength: 6 }), fc.constantFrom('\u0000', '\ud800', '\udfff', '\udbff\u0000'), fc.string({ maxLength: 6 }))
    .map(([before, bad, after]) => `${before}${bad}${after}`);

  /** The mutations that apply to an operation, as arbitraries. */
  const mutationsOf = (operation: Operation): fc.Arbitrary<Mutation>[] => {
    const mutations: fc.Arbitrary<Mutation>[] = [];
    if (operation.body) {
      const properties = propertiesOf(operation.body);
      const required = properties.filter((property) => property.required && !property.at.includes(0));
      const anyProperty = fc.constantFrom(...properties);
      const at = anyProperty.map((property) => property.at);
      const objects = fc.constantFrom(...objectsOf(operation.body));
      if (required.length > 0) mutations.push(fc.constantFrom(...required).map(({ at: path }) => ({ kind: 'missing', at: path })));
      if (properties.length > 0) {
        mutations.push(
          anyProperty.chain(({ at: path, schema }) =>
            wrongTypeFor(schema).map((value): Mutation => ({ kind: 'wrong-type', at: path, value })),
          ),
          at.map((path): Mutation => ({ kind: 'null', at: path })),
          fc.tuple(at, unstorableText).map(([path, text]): Mutation => ({ kind: 'unstorable', at: path, text })),
          fc.tuple(at, fc.integer({ min: 2_001, max: 400_000 })).map(([path, length]): Mutation => ({ kind: 'huge', at: path, length })),
          fc.tuple(at, fc.integer({ min: 17, max: 20_000 })).map(([path, depth]): Mutation => ({ kind: 'deep', at: path, depth })),
        );
      }
      mutations.push(
        fc.tuple(objects, fc.constantFrom(...PROTOTYPE_KEYS)).map(([path, key]): Mutation => ({ kind: 'prototype-key', at: path, key })),
        fc
          .tuple(objects, fc.string({ minLength: 1, maxLength: 12 }))
          .filter(([path, key]) => !knownKeysAt(operation.body!, path).includes(key))
          .map(([path, key]): Mutation => ({ kind: 'unknown-key', at: path, key })),
        fc
          .constantFrom('[]', '[{}]', '"text"', '42', 'true', 'null', '{"a":', '{"a":1}}', "{'a':1}", '\u0000')
          .map((text): Mutation => ({ kind: 'not-an-object', text })),
        fc
          .tuple(fc.constantFrom('gzip', 'br', 'deflate', 'zstd', 'compress', 'x-unknown'), fc.uint8Array({ minLength: 1, maxLength: 64 }))
          .map(([encoding, bytes]): Mutation => ({ kind: 'encoding', encoding, bytes: [...bytes] })),
        fc
          .constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/xml',
            'application/octet-stream',
          )
          .map((contentType): Mutation => ({ kind: 'content-type', contentType })),
      );
    }
    const queryNames = operation.query.map((parameter) => parameter.name);
    if (queryNames.length > 0)
      mutations.push(
        fc
          .tuple(fc.constantFrom(...queryNames), fc.constantFrom(...BAD_PARAMETER_VALUES, 'x'.repeat(5_000)))
          .map(([name, value]): Mutation => ({ kind: 'query', name, value })),
      );
    if (operation.pathParameters.length > 0)
      mutations.push(
        fc
          .tuple(fc.constantFrom(...operation.pathParameters), fc.constantFrom(...BAD_ID_VALUES))
          .map(([name, value]): Mutation => ({ kind: 'path', name, value })),
      );
    return mutations;
  };

  const knownKeysAt = (schema: Schema, at: JsonPath): string[] => {
    const path = at[at.length - 1] === 0 ? at.slice(0, -1) : at;
    const found = path.length === 0 ? resolve(schema) : propertiesOf(schema).find((property) => sameArray(property.at, path))?.schema;
    const target = found?.items ? resolve(found.items) : found;
    return Object.keys(target?.properties ?? {});
  };

  /** The HTTP request a case stands for. */
  const requestOf = ({ operation: key, mutation }: Case) => {
    const operation = operations.find((candidate) => candidate.key === key)!;
    const pathValues = { ...Object.fromEntries(operation.pathParameters.map((name) => [name, PATH_VALUES[name] ?? 'x-1'])) };
    if (mutation.kind === 'path') pathValues[mutation.name] = mutation.value;
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name]);
    const query = operation.query
      .filter((parameter) => parameter.required || (mutation.kind === 'query' && mutation.name === parameter.name))
      .map((parameter) =>
        mutation.kind === 'query' && mutation.name === parameter.name
          ? `${parameter.name}=${mutation.value}`
          : `${parameter.name}=${encodeURIComponent(String(sample(parameter.schema ?? {})))}`,
      );
    const url = query.length > 0 ? `${path}?${query.join('&')}` : path;
    const headers: Record<string, string> = {};
    let body: string | Buffer | undefined;
    if (operation.body) {
      headers['Content-Type'] = 'application/json';
      body = bodyText(operation.body, mutation);
      if (mutation.kind === 'content-type') headers['Content-Type'] = mutation.contentType;
      if (mutation.kind === 'encoding') {
        headers['Content-Encoding'] = mutation.encoding;
        // A compression header (or none) followed by bytes that do not inflate.
        const garbage = Buffer.from(mutation.bytes);
        const prefix = mutation.encoding === 'gzip' ? gzipSync(body).subarray(0, 10) : Buffer.alloc(0);
        body =
          mutation.encoding === 'br' ? Buffer.concat([brotliCompressSync(body).subarray(0, 2), garbage]) : Buffer.concat([prefix, garbage]);
      }
    }
    return { method: operation.method, url, headers, body };
  };

  const bodyText = (schema: Schema, mutation: Mutation): string => {
    if (mutation.kind === 'not-an-object') return mutation.text;
    const body = sample(schema);
    switch (mutation.kind) {
      case 'missing':
        remove(body, mutation.at);
        break;
      case 'wrong-type':
        put(body, mutation.at, mutation.value);
        break;
      case 'null':
        put(body, mutation.at, null);
        break;
      case 'unstorable':
        put(body, mutation.at, mutation.text);
        break;
      case 'huge':
        put(body, mutation.at, 'x'.repeat(mutation.length));
        break;
      case 'deep':
        put(body, mutation.at, DEEP_MARKER);
        return JSON.stringify(body).replace(`"${DEEP_MARKER}"`, `${'['.repeat(mutation.depth)}${']'.repeat(mutation.depth)}`);
      case 'prototype-key':
      case 'unknown-key':
        // defineProperty: an assignment to __proto__ would set the prototype instead of adding a key.
        Object.defineProperty(at(body, mutation.at), mutation.key, { value: 1, enumerable: true, configurable: true, writable: true });
        break;
      case 'encoding':
      case 'content-type':
      case 'query':
      case 'path':
        break;
    }
    return JSON.stringify(body);
  };

  it('covers every operation with a body or parameters', () => {
    const keys = operations.map((operation) => operation.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'post /v1/clients',
        'put /v1/clients/{clientId}/agreement',
        'post /v1/clients/{clientId}/invoices',
        'post /v1/clients/{clientId}/payments',
        'post /v1/clients/{clientId}/interactions',
        'post /v1/admin/collections/run',
        'get /v1/clients',
        'get /v1/clients/{clientId}',
        'get /v1/reports/dso',
      ]),
    );
    for (const operation of operations) expect(mutationsOf(operation).length).toBeGreaterThan(0);
  });

  it('never answers 2xx or 5xx, always problem+json with a code, and appends nothing', async () => {
    const before = (await t.store.readAll()).length;
    const cases = fc.oneof(
      ...operations.map((operation) =>
        fc.oneof(...mutationsOf(operation)).map((mutation): Case => ({ operation: operation.key, mutation })),
      ),
    );
    // Every kind of mutation on every operation at least once, then random ones.
    const everyKind = operations.flatMap((operation) =>
      mutationsOf(operation).map(
        (mutation) => [{ operation: operation.key, mutation: fc.sample(mutation, { seed: SEED, numRuns: 1 })[0] }] as [Case],
      ),
    );
    await fc.assert(
      fc.asyncProperty(cases, async (fuzzCase) => {
        const response = await send(requestOf(fuzzCase));
        const { status } = response;
        expect({
          refused: status >= 400 && status < 500,
          status,
          contentType: response.headers['content-type'],
          code: response.body?.code,
        }).toEqual({
          refused: true,
          status,
          contentType: expect.stringMatching(/^application\/problem\+json/),
          code: expect.stringMatching(/^[a-z_]+$/),
        });
      }),
      { seed: SEED, numRuns: everyKind.length + RANDOM_RUNS, examples: everyKind },
    );
    expect((await t.store.readAll()).length).toBe(before);
  });

  const send = ({ method, url, headers, body }: ReturnType<typeof requestOf>): Promise<Response> => {
    const request = t
      .as('admin')
      [method](url)
      .set(headers)
      .ok(() => true);
    // Sent as they are: supertest would serialise a string or a Buffer as JSON.
    return body === undefined ? request : request.serialize((data: string | Buffer) => data as string).send(body);
  };
});

/** Where the `deep` mutation puts its nesting, replaced in the JSON text (no object could hold it). */
const DEEP_MARKER = 'deep-nesting-goes-here';

function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const body = operation.requestBody?.content['application/json']?.schema;
      const found: Operation = {
        key: `${method} ${path}`,
        method: method as Operation['method'],
        path,
        pathParameters: parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
        query: parameters.filter((parameter) => parameter.in === 'query'),
        body,
      };
      return body || parameters.length > 0 ? [found] : [];
    }),
  );
}

const sameArray = (a: JsonPath, b: JsonPath) => a.length === b.length && a.every((segment, index) => segment === b[index]);

function at(body: Json, path: JsonPath): Record<string | number, Json> {
  return path.reduce<Json>((value, segment) => (value as Record<string | number, Json>)[segment], body) as Record<string | number, Json>;
}

function put(body: Json, path: JsonPath, value: Json): void {
  at(body, path.slice(0, -1))[path[path.length - 1]] = value;
}

function remove(body: Json, path: JsonPath): void {
  delete at(body, path.slice(0, -1))[path[path.length - 1]];
}
