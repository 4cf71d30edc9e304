import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromFile, Parser } from '@asyncapi/parser';
import { parse as parseYaml } from 'yaml';
import { catalog, decodeMessage, JOBCENTRE_MESSAGES, type MessageName, makeEnvelope } from '../src';
import { renderAsyncApi, renderJsonSchemas, renderMessagesDoc, schemaFileName } from '../src/docs';

const DOCS = join(__dirname, '..', '..', '..', 'docs');
const STALE = 'docs are stale: run node scripts/generate-docs.js (after pnpm exec tsc -b packages/contracts)';
const names = Object.keys(catalog) as MessageName[];

/** Compares without printing a thousand-line diff: the message says what to do. */
function expectInStep(file: string, rendered: string): void {
  expect(readFileSync(join(DOCS, file), 'utf8') === rendered ? 'in step' : `${file}: ${STALE}`).toBe('in step');
}

describe('generated contract documentation', () => {
  it('docs/messages.md is what the catalog renders', () => {
    expectInStep('messages.md', renderMessagesDoc());
  });

  it('docs/schemas holds exactly the rendered JSON Schemas, and nothing else', () => {
    const rendered = renderJsonSchemas();
    const onDisk = readdirSync(join(DOCS, 'schemas')).sort();
    expect(onDisk.join(', ') === Object.keys(rendered).sort().join(', ') ? 'in step' : `docs/schemas: ${STALE}`).toBe('in step');
    for (const [file, schema] of Object.entries(rendered)) expectInStep(join('schemas', file), `${JSON.stringify(schema, null, 2)}\n`);
  });

  it('docs/asyncapi.yaml is what the catalog renders', () => {
    expectInStep('asyncapi.yaml', renderAsyncApi());
  });

  it('docs/asyncapi.yaml is a valid AsyncAPI document (the official parser, with the schema files it refers to)', async () => {
    const { document, diagnostics } = await fromFile(new Parser(), join(DOCS, 'asyncapi.yaml')).parse();
    // Spectral severities: 0 error, 1 warning, 2 information, 3 hint.
    const problems = diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document).toBeDefined();
    const doc = parseYaml(readFileSync(join(DOCS, 'asyncapi.yaml'), 'utf8')) as { servers?: Record<string, { protocol: string }> };
    expect(Object.values(doc.servers ?? {}).map((s) => s.protocol)).toEqual(['amqps', 'amqp']);
    // A jobcentre's queue carries every message a connector can receive.
    expect(Object.keys(document!.channels().get('jobcentreQueue')?.json('messages') ?? {}).sort()).toEqual([...JOBCENTRE_MESSAGES].sort());
  }, 30_000);

  it('every $ref in the AsyncAPI document resolves, inside it or to a generated schema file', () => {
    const doc = parseYaml(renderAsyncApi()) as Record<string, unknown>;
    const schemas = renderJsonSchemas();
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value);
          else walk(value);
        }
      }
    };
    walk(doc);
    const unresolved = refs.filter((r) => {
      if (r.startsWith('./schemas/')) return !(r.slice('./schemas/'.length) in schemas);
      let at: unknown = doc;
      for (const part of r.replace(/^#\//, '').split('/')) at = (at as Record<string, unknown> | undefined)?.[part];
      return at === undefined;
    });
    expect(refs.length).toBeGreaterThan(0);
    expect(unresolved).toEqual([]);
  });
});

describe('the catalog', () => {
  it.each(names)('%s: its example satisfies its own zod schema', (name) => {
    const entry = catalog[name];
    expect(entry.schema.safeParse(entry.example).error?.issues).toBeUndefined();
  });

  it.each(names)('%s: its JSON Schema requires the same top-level fields as the zod schema', (name) => {
    const entry = catalog[name];
    type Json = { $id?: string; title?: string; required?: string[]; oneOf?: Json[]; anyOf?: Json[] };
    type Shape = Record<string, { safeParse(v: unknown): { success: boolean } }>;
    const schema = renderJsonSchemas()[schemaFileName(name)] as Json;
    expect(schema.$id).toMatch(new RegExp(`/${schemaFileName(name).replace(/\./g, '\\.')}$`));
    expect(schema.title).toBeTruthy();
    // A union on a field (round.reply's answer) is one object per variant, on both sides.
    const zodObjects = ((entry.schema as unknown as { options?: unknown[] }).options ?? [entry.schema]) as Array<{ shape?: Shape }>;
    const jsonObjects = schema.oneOf ?? schema.anyOf ?? [schema];
    expect(jsonObjects).toHaveLength(zodObjects.length);
    zodObjects.forEach(({ shape }, i) => {
      expect(shape).toBeDefined();
      // A field is required when zod refuses its absence (optional and defaulted fields accept undefined).
      const required = Object.entries(shape!)
        .filter(([, field]) => !field.safeParse(undefined).success)
        .map(([key]) => key);
      expect([...(jsonObjects[i]!.required ?? [])].sort()).toEqual(required.sort());
    });
  });

  it.each(names)('%s: its example survives makeEnvelope → JSON → decodeMessage', (name) => {
    const entry = catalog[name];
    const envelope = makeEnvelope(name, entry.example as never, {
      id: 'e-1',
      time: new Date('2026-11-25T09:00:00Z'),
      source: '/test',
      correlationId: 'order-1',
    });
    const decoded = decodeMessage(Buffer.from(JSON.stringify(envelope)));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.message.name).toBe(name);
    expect(decoded.message.envelope).toEqual(envelope);
    expect(decoded.message.data).toEqual(entry.example);
  });
});
