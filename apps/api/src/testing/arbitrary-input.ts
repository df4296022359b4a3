import fc from 'fast-check';

/**
 * Arbitrary input for the API, as an attacker or a broken client would send it: text with NUL,
 * lone surrogates and odd scripts, numbers too large for a double, wrong types, prototype keys,
 * deep nesting — mixed into bodies shaped like the OpenAPI schema, so that some get past the
 * input rule and the DTOs and reach the use-cases.
 */

/** Marks values whose JSON text cannot be produced by `JSON.stringify` (see `toJsonText`). */
const RAW = '\u2063raw:';
const raw = (text: string) => `${RAW}${text}`;

/** The request body as JSON text, with the raw markers spliced in (`1e400`, 30-digit integers). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value).replace(new RegExp(`"${RAW}([^"]*)"`, 'g'), (_, text: string) => text);
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const oddButLegal = fc.constantFrom('%', '_', '\\', "'", '"', '\r\n', '\u202e', '\ufeff', '👩‍👩‍👧', 'ß', 'İ', '\u0001', '<script>');

/**
 * `hostile` input is what an attacker sends (NUL, lone surrogates, prototype keys); `plausible`
 * input is what a careless client sends (legal text in any script, wrong types, huge numbers,
 * unknown ids), which gets past the input rule and exercises the DTOs and the use-cases.
 */
export type Flavour = 'hostile' | 'plausible';

export function arbitraryText(flavour: Flavour, examples: string[] = []): fc.Arbitrary<string> {
  const unit =
    flavour === 'hostile'
      ? fc.oneof(
          { weight: 6, arbitrary: anyCodePoint },
          { weight: 1, arbitrary: fc.constant('\u0000') },
          { weight: 1, arbitrary: loneSurrogate },
          { weight: 1, arbitrary: oddButLegal },
        )
      : fc.oneof({ weight: 6, arbitrary: anyCodePoint.filter((c) => c !== '\u0000') }, { weight: 1, arbitrary: oddButLegal });
  const odd = [
    '',
    ' ',
    'x'.repeat(5000),
    'null',
    '-1',
    '1e400',
    '2026-02-30T25:61:00Z',
    '+16175550100 ext 5',
    ...(flavour === 'hostile' ? ['\u0000', '__proto__', '+1617555\u00000100'] : []),
  ];
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit, maxLength: 40 }) },
    { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom(...odd) },
    { weight: 1, arbitrary: fc.uuid() },
    ...(examples.length > 0 ? [{ weight: flavour === 'hostile' ? 3 : 8, arbitrary: fc.constantFrom(...examples) }] : []),
  );
}

/** Hostile text, for fields of any kind (webhooks, query strings). */
export const nastyText = (examples: string[] = []) => arbitraryText('hostile', examples);

const hugeNumber = fc.constantFrom(raw('1e400'), raw('-1e400'), raw('123456789012345678901234567890'), raw('1e-400'), raw('-0'));
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 2, 1e308), hugeNumber);

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Any JSON value, nested a few levels; hostile ones have hostile text and prototype keys. */
export function anyJson(flavour: Flavour = 'hostile'): fc.Arbitrary<unknown> {
  const keys = flavour === 'hostile' ? fc.oneof(arbitraryText(flavour), fc.constantFrom(...PROTOTYPE_KEYS)) : arbitraryText(flavour);
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      arbitraryText(flavour),
      number,
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(keys, tie('value'), { maxKeys: 4 }),
    ),
  })).value;
}

/** A value buried under more levels of arrays and objects than any DTO has. */
export const deeplyNested = fc.tuple(fc.integer({ min: 30, max: 3000 }), anyJson(), fc.boolean()).map(([depth, leaf, objects]) => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = objects ? { a: value } : [value];
  return value;
});

/** Key and value with a prototype key somewhere in an otherwise plausible object. */
const polluted = (inner: fc.Arbitrary<unknown>) =>
  fc.tuple(inner, fc.constantFrom(...PROTOTYPE_KEYS), anyJson()).map(([value, key, payload]) => {
    const base = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
    return JSON.parse(`{${JSON.stringify(key)}: ${toJsonText(payload)}, ${toJsonText(base).slice(1)}`.replace(/, }$/, '}'));
  });

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  allOf?: Schema[];
};

/** Plausible values for a field, by its name, so that some bodies get past the DTOs. */
function plausible(name: string, ids: string[]): unknown[] {
  const rules: [RegExp, unknown[]][] = [
    [/ids?$/i, ids],
    [/language/i, ['es', 'en', 'vi', 'zh-Hans']],
    [/phone|number$/i, ['+16175550199', '(617) 555-0198']],
    [/email/i, ['ana@example.org']],
    [/timezone/i, ['America/Chicago']],
    [/country/i, ['US']],
    [/slug|tenant/i, [`fuzz-${Math.random().toString(36).slice(2, 8)}`]],
    [/password|token/i, ['correct horse battery staple']],
    [/^(start|end)$/, ['08:00', '21:00']],
    [/at$/i, [new Date(Date.now() + 86_400_000).toISOString()]],
    [/url/i, ['https://translate.example.org']],
    [/grade/i, ['03', 'K']],
    [/accountsid/i, [`AC${'0'.repeat(32)}`]],
  ];
  return rules.filter(([pattern]) => pattern.test(name)).flatMap(([, values]) => values);
}

/**
 * Values shaped by an OpenAPI schema: its required properties usually present, each value of the
 * right kind (examples, enum members, plausible values for its name, ids of rows that exist) most
 * of the time, anything at all otherwise.
 */
export function fromSchema(
  schema: Schema | undefined,
  components: Record<string, Schema>,
  ids: string[],
  flavour: Flavour,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, components);
  if (!resolved || depth > 4) return anyJson(flavour);
  const examples = [...(resolved.enum ?? []), ...(resolved.example !== undefined ? [resolved.example] : []), ...plausible(name, ids)];
  let shaped: fc.Arbitrary<unknown>;
  if (resolved.type === 'object' || resolved.properties) {
    const properties = Object.entries(resolved.properties ?? {});
    if (properties.length === 0) {
      shaped = fc.dictionary(arbitraryText(flavour, ['es', 'en', 'school', 'date']), arbitraryText(flavour, ['Lincoln', '2026-03-06']), { maxKeys: 3 });
    } else {
      const fields = Object.fromEntries(properties.map(([key, property]) => [key, fromSchema(property, components, ids, flavour, key, depth + 1)]));
      shaped = fc.oneof(fc.record(fields, { requiredKeys: (resolved.required ?? []).filter((key) => key in fields) }), fc.record(fields, { requiredKeys: [] }));
    }
  } else if (resolved.type === 'array') {
    shaped = fc.array(fromSchema(resolved.items, components, ids, flavour, name, depth + 1), { maxLength: 3 });
  } else if (resolved.type === 'integer' || resolved.type === 'number') {
    shaped = fc.oneof(fc.integer({ min: 0, max: 100 }), number, ...(examples.length > 0 ? [fc.constantFrom(...examples)] : []));
  } else if (resolved.type === 'boolean') {
    shaped = fc.boolean();
  } else {
    const texts = examples.filter((e): e is string => typeof e === 'string');
    shaped = arbitraryText(flavour, texts);
  }
  return fc.oneof({ weight: flavour === 'hostile' ? 8 : 16, arbitrary: shaped }, { weight: 1, arbitrary: anyJson(flavour) });
}

function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!], components);
  if (schema.allOf?.length) return resolve(schema.allOf[0], components);
  return schema;
}

/** A whole request body: hostile ones sometimes anything, too deep or polluted; plausible ones shaped by the schema. */
export function arbitraryBody(schema: Schema | undefined, components: Record<string, Schema>, ids: string[], flavour: Flavour): fc.Arbitrary<unknown> {
  const shaped = fromSchema(schema, components, ids, flavour);
  if (flavour === 'plausible') return shaped;
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 2, arbitrary: anyJson() },
    { weight: 1, arbitrary: deeplyNested },
    { weight: 1, arbitrary: polluted(shaped) },
  );
}

/** A query string: none, the route's own parameters, or those with unknown and repeated ones. */
export function arbitraryQuery(names: string[], ids: string[], flavour: Flavour): fc.Arbitrary<string> {
  const cursor = fc.oneof(
    arbitraryText(flavour),
    anyJson(flavour).map((value) => Buffer.from(toJsonText(value)).toString('base64url')),
    fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
  );
  const value = (name: string) =>
    name === 'cursor' ? cursor : fc.oneof(fc.constantFrom(...ids, 'true', 'false', '1', '200', '0', 'es', 'delivered', 'Ana'), arbitraryText(flavour));
  const known = names.map((name) => fc.tuple(fc.constant(name), fc.array(value(name), { minLength: 1, maxLength: 1 })));
  const odd = [
    ...names.map((name) => fc.tuple(fc.constant(name), fc.array(value(name), { minLength: 2, maxLength: 3 }))),
    fc.tuple(arbitraryText(flavour, ['limit[]', 'cursor[a]', 'q']), fc.array(arbitraryText(flavour), { minLength: 1, maxLength: 2 })),
  ];
  const pairs = fc.oneof(
    { weight: 2, arbitrary: fc.constant([] as [string, string[]][]) },
    ...(known.length > 0 ? [{ weight: 3, arbitrary: fc.array(fc.oneof(...known), { maxLength: 3 }) }] : []),
    { weight: 1, arbitrary: fc.array(fc.oneof(...known, ...odd), { maxLength: 4 }) },
  );
  return pairs.map((list) => list.flatMap(([name, values]) => values.map((v) => `${encode(name)}=${encode(v)}`)).join('&'));
}

/** A path parameter: an id of a row that exists, another UUID, or anything. */
export function arbitraryPathValue(name: string, ids: string[], flavour: Flavour): fc.Arbitrary<string> {
  return name === 'language'
    ? fc.oneof(fc.constantFrom('es', 'vi', 'en', 'zh-Hans'), arbitraryText(flavour))
    : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: arbitraryText(flavour) });
}

/**
 * Percent-encodes text as a browser would, lone surrogates included (which `encodeURIComponent`
 * refuses): they go as the bytes of U+FFFD, as a browser sends them.
 */
export function encode(text: string): string {
  return encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}
