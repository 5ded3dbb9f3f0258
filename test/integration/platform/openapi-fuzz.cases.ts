/**
 * Requests for the OpenAPI fuzz, made from the document the app serves: a valid sample per
 * operation, then the same request broken one way at a time (wrong types, missing fields, 1 MB
 * strings, deep nesting, NUL and lone surrogates, SQL-ish text, bad ids, wrong content types).
 * Everything random comes from one seeded generator, so a failure names a case that reproduces.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
}

export interface Operation {
  method: string;
  /** The document's path, `/api/v1/tickets/{ticketId}`. */
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | null;
}

export interface FuzzRequest {
  label: string;
  pathValues: Record<string, string>;
  query: string;
  contentType?: string;
  payload?: string | Buffer;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      return {
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: p.required === true })),
        body: operation.requestBody?.content['application/json']?.schema ?? null,
      };
    }),
  );
}

/** mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return {
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    shuffle: <T>(items: readonly T[]): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy;
    },
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => int(16).toString(16));
      hex[12] = '4';
      hex[16] = '8';
      const s = hex.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}
export type Random = ReturnType<typeof seededRandom>;

// --- Valid samples --------------------------------------------------------------------------

const patternCandidates = ['1', '09:00', 'fuzz_code', 'fuzz', `SEC${'a1'.repeat(10)}`, 'a'];

/**
 * Valid-looking values from a schema. `hints` give values by field name where a schema cannot say
 * what exists (a category code, an IT person's id). Successive timestamps climb an hour each, so
 * `startsAt` comes before `endsAt`.
 */
export function createSampler(random: Random, hints: Record<string, unknown> = {}) {
  let hour = 0;
  const sampleString = (schema: JsonSchema): string => {
    if (schema.format === 'date-time') return new Date(Date.UTC(2026, 10, 28, 9 + (hour++ % 24))).toISOString();
    if (schema.format === 'date') return '2026-11-28';
    if (schema.format === 'uuid') return random.uuid();
    if (schema.format === 'email') return 'fuzz@example.com';
    if (schema.format === 'uri' || schema.format === 'url') return 'http://127.0.0.1:9/health';
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern);
      const found = patternCandidates.find((candidate) => pattern.test(candidate));
      if (found) return found;
    }
    const text = 'fuzz'.padEnd(schema.minLength ?? 1, 'z');
    return schema.maxLength !== undefined ? text.slice(0, Math.max(schema.maxLength, 1)) : text;
  };
  const sampleNumber = (schema: JsonSchema): number => {
    const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    return schema.maximum !== undefined ? Math.min(low, schema.maximum) : low;
  };
  const sample = (schema: JsonSchema, depth = 0): unknown => {
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return schema.enum[0];
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) return sample(branches.find((branch) => branch.type !== 'null') ?? branches[0]!, depth);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sample(part, depth)));
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    if (type === 'string') return sampleString(schema);
    if (type === 'integer' || type === 'number') return sampleNumber(schema);
    if (type === 'boolean') return true;
    if (type === 'array') {
      const count = Math.min(Math.max(schema.minItems ?? 1, 1), schema.maxItems ?? 1);
      return depth > 6 ? [] : Array.from({ length: count }, () => sample(schema.items ?? {}, depth + 1));
    }
    if (type === 'object' || schema.properties) {
      const result: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) result[key] = key in hints ? hints[key] : sample(property, depth + 1);
      if (!schema.properties && typeof schema.additionalProperties === 'object') result.fuzz = sample(schema.additionalProperties, depth + 1);
      return result;
    }
    return 'fuzz';
  };
  return sample;
}
export type Sampler = ReturnType<typeof createSampler>;

// --- Broken variants ------------------------------------------------------------------------

const megabyte = 'x'.repeat(1_000_000);
const sqlish = ["'; DROP TABLE users; --", "' OR '1'='1", '1) UNION SELECT NULL--', '$1::text; SELECT pg_sleep(0)'];
const textBreakers = ['a\u0000b', '\u0000', '\ud800', 'x\udfffy', '\u{1F600}\u202E', '%00', '../../etc/passwd'];
/** Emoji after one ASCII letter: any cut at an even UTF-16 length falls inside an emoji, leaving half of it. */
const emojiRuns = [41, 121, 501, 1001, 2001].map((length) => `a${'\u{1F600}'.repeat((length - 1) / 2)}`);

function wrongTypeOf(value: unknown): unknown[] {
  if (typeof value === 'string') return [42, true, { a: 1 }, [value]];
  if (typeof value === 'number') return ['abc', '1', 1.5, -1, 1e308, 2 ** 53 + 1, true];
  if (typeof value === 'boolean') return ['yes', 1];
  if (Array.isArray(value)) return [{}, 'x', [null], [[[]]]];
  if (value && typeof value === 'object') return ['x', [], 0];
  return ['x'];
}

type Path = (string | number)[];
const remove = Symbol('remove');

function pathsOf(value: unknown, prefix: Path = [], depth = 0): Path[] {
  if (depth > 5 || value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key], depth + 1)]);
}

function withValueAt(root: unknown, path: Path, value: unknown | typeof remove): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}
function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

function bodyVariants(body: unknown, random: Random, budget: number): { label: string; value: unknown }[] {
  const variants: { label: string; value: unknown }[] = [];
  for (const path of pathsOf(body)) {
    const at = path.join('.');
    const current = valueAt(body, path);
    variants.push({ label: `body.${at} missing`, value: withValueAt(body, path, remove) });
    variants.push({ label: `body.${at} null`, value: withValueAt(body, path, null) });
    for (const wrong of wrongTypeOf(current)) variants.push({ label: `body.${at} = ${JSON.stringify(wrong)}`, value: withValueAt(body, path, wrong) });
    for (const text of [...textBreakers, ...sqlish]) variants.push({ label: `body.${at} = ${JSON.stringify(text)}`, value: withValueAt(body, path, text) });
    if (typeof current === 'string') for (const text of emojiRuns) variants.push({ label: `body.${at} = a + emoji × ${(text.length - 1) / 2}`, value: withValueAt(body, path, text) });
    if (current && typeof current === 'object' && !Array.isArray(current)) {
      variants.push({ label: `body.${at} gets a NUL key`, value: withValueAt(body, path, { ...current, 'k\u0000': 'v' }) });
      variants.push({ label: `body.${at} gets a lone-surrogate key`, value: withValueAt(body, path, { ...current, '\udc00k': 'v' }) });
    }
    if (Array.isArray(current) && current.length > 0) variants.push({ label: `body.${at} × 6000`, value: withValueAt(body, path, Array.from({ length: 6000 }, () => current[0])) });
  }
  const chosen = random.shuffle(variants).slice(0, budget);
  const paths = pathsOf(body).filter((path) => typeof valueAt(body, path) === 'string');
  if (paths.length > 0) {
    const path = random.pick(paths);
    chosen.push({ label: `body.${path.join('.')} = 1 MB string`, value: withValueAt(body, path, megabyte) });
    chosen.push({ label: `body.${path.join('.')} = 1 MB of NUL`, value: withValueAt(body, path, '\u0000'.repeat(170_000)) });
  }
  return chosen;
}

function wholeBodyVariants(body: unknown): { label: string; contentType?: string; payload?: string | Buffer }[] {
  const json = 'application/json';
  const boundary = 'fuzzboundary';
  const multipart = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\u0000b\u{1F600}.png"\r\nContent-Type: image/png\r\n\r\n`),
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return [
    { label: 'no body' },
    { label: 'empty JSON body', contentType: json, payload: '' },
    { label: 'malformed JSON', contentType: json, payload: '{"a":' },
    { label: 'JSON null', contentType: json, payload: 'null' },
    { label: 'JSON array', contentType: json, payload: '[]' },
    { label: 'JSON string', contentType: json, payload: '"x"' },
    { label: 'JSON number', contentType: json, payload: '1e400' },
    { label: '__proto__ key', contentType: json, payload: `{"__proto__":{"admin":true},${JSON.stringify(body ?? {}).slice(1)}` },
    { label: 'constructor.prototype key', contentType: json, payload: '{"constructor":{"prototype":{"admin":true}}}' },
    { label: 'deep nesting (20 000 levels)', contentType: json, payload: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
    { label: 'deep object nesting', contentType: json, payload: `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}` },
    { label: 'body over 1 MB', contentType: json, payload: JSON.stringify({ fuzz: 'x'.repeat(1_100_000) }) },
    { label: 'text/plain', contentType: 'text/plain', payload: JSON.stringify(body ?? {}) },
    { label: 'application/xml', contentType: 'application/xml', payload: '<fuzz/>' },
    { label: 'form-urlencoded', contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=%00' },
    { label: 'multipart with a NUL file name', contentType: `multipart/form-data; boundary=${boundary}`, payload: multipart },
    { label: 'JSON with charset latin1', contentType: 'application/json; charset=latin1', payload: JSON.stringify(body ?? {}) },
    { label: 'JSON with invalid UTF-8', contentType: json, payload: Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('"}')]) },
  ];
}

const badPathValues = ['0', '-1', '1.5', '99999999999999999999999999', 'abc', "1' OR '1'='1", '%00', 'a%00b', '%ED%A0%80', '%E0%A4%A', '%', 'x'.repeat(101), '..%2F..%2Fetc', '%F0%9F%98%80', 'null', '00000000-0000-0000-0000-000000000000'];

function queryVariants(operation: Operation, random: Random): { label: string; query: string }[] {
  const variants = operation.queryParams.flatMap((param) => {
    const raw = [...badPathValues, 'x'.repeat(10_000), '', 'true', '1e400', '2026-13-45T99:99:99Z'];
    return [
      ...raw.map((value) => ({ label: `querystring.${param.name} = ${JSON.stringify(value.slice(0, 40))}`, query: `${param.name}=${value}` })),
      { label: `querystring.${param.name} twice`, query: `${param.name}=a&${param.name}=b` },
      { label: `querystring.${param.name}[] bracket`, query: `${param.name}[x]=1` },
    ];
  });
  variants.push({ label: 'unknown query parameter with NUL', query: 'fuzz=%00&__proto__=x' });
  return random.shuffle(variants).slice(0, 40);
}

export const validSample = 'valid sample';

/**
 * Every request for one operation: the valid sample first (so the seeded data grows), then one
 * broken thing at a time. `budget` caps the per-field body variants, which multiply fastest.
 */
export function requestsFor({ operation, random, sample, resolvedPath, budget = 45 }: { operation: Operation; random: Random; sample: Sampler; resolvedPath: Record<string, string>; budget?: number }): FuzzRequest[] {
  const body = operation.body ? sample(operation.body) : undefined;
  const json = (value: unknown) => ({ contentType: 'application/json', payload: JSON.stringify(value) });
  const required = operation.queryParams.filter((param) => param.required).map((param) => `${param.name}=${encodeURIComponent(String(sample(param.schema)))}`);
  const base = { pathValues: resolvedPath, query: required.join('&'), ...(body === undefined ? {} : json(body)) };
  const requests: FuzzRequest[] = [{ label: validSample, ...base }];
  for (const param of operation.pathParams) {
    for (const value of badPathValues) requests.push({ ...base, label: `params.${param.name} = ${JSON.stringify(value.slice(0, 40))}`, pathValues: { ...resolvedPath, [param.name]: value } });
    requests.push({ ...base, label: `params.${param.name} = random valid-looking`, pathValues: { ...resolvedPath, [param.name]: encodeURIComponent(String(sample(param.schema))) } });
  }
  for (const variant of queryVariants(operation, random)) requests.push({ ...base, label: variant.label, query: [base.query, variant.query].filter(Boolean).join('&') });
  if (operation.method !== 'GET' && operation.method !== 'DELETE') {
    for (const variant of bodyVariants(body, random, budget)) requests.push({ ...base, label: variant.label, ...json(variant.value) });
    for (const variant of wholeBodyVariants(body)) requests.push({ pathValues: resolvedPath, query: base.query, ...variant });
  } else {
    requests.push({ ...base, label: 'GET/DELETE with a JSON body', contentType: 'application/json', payload: '{"a":"\\u0000"}' });
  }
  return requests;
}
