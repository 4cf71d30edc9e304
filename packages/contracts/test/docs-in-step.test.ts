import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog, decodeMessage, type MessageName, makeEnvelope } from '../src';
import { renderAsyncApi, renderJsonSchemas, renderMessagesDoc, schemaFileName } from '../src/docs';

const DOCS = join(__dirname, '..', '..', '..', 'docs');
const STALE = 'docs are stale: run `pnpm exec tsc -b && node scripts/generate-docs.js`';

describe('generated contract documentation', () => {
  it('docs/messages.md is what the catalog renders', () => {
    expect(readFileSync(join(DOCS, 'messages.md'), 'utf8') === renderMessagesDoc() ? 'in step' : STALE).toBe('in step');
  });

  it('docs/schemas holds exactly the rendered JSON Schemas', () => {
    const rendered = renderJsonSchemas();
    expect(readdirSync(join(DOCS, 'schemas')).sort()).toEqual(Object.keys(rendered).sort());
    for (const [file, schema] of Object.entries(rendered)) {
      const onDisk = readFileSync(join(DOCS, 'schemas', file), 'utf8');
      expect(onDisk === `${JSON.stringify(schema, null, 2)}\n` ? 'in step' : `${file}: ${STALE}`).toBe('in step');
    }
  });

  it('docs/asyncapi.yaml is what the catalog renders', () => {
    expect(readFileSync(join(DOCS, 'asyncapi.yaml'), 'utf8') === renderAsyncApi() ? 'in step' : STALE).toBe('in step');
  });
});

describe('the catalog', () => {
  const names = Object.keys(catalog) as MessageName[];

  it.each(names)('%s: its example is valid, survives the wire, and its JSON Schema requires the same fields', (name) => {
    const entry = catalog[name];
    expect(entry.schema.safeParse(entry.example).success).toBe(true);
    const envelope = makeEnvelope(name, entry.example as never, { id: 'e-1', time: new Date('2026-11-25T09:00:00Z'), source: '/test' });
    const decoded = decodeMessage(JSON.stringify(envelope));
    expect(decoded.ok && decoded.message.name === name && decoded.message.data).toEqual(entry.example);
    const schema = renderJsonSchemas()[schemaFileName(name)] as { required?: string[]; properties?: Record<string, unknown> };
    const shape = (entry.schema as unknown as { shape?: Record<string, { isOptional(): boolean }> }).shape;
    if (shape) {
      const required = Object.entries(shape)
        .filter(([, field]) => !field.isOptional())
        .map(([key]) => key);
      expect([...(schema.required ?? [])].sort()).toEqual(required.sort());
    }
  });
});
