import { z } from 'zod';
import { catalog, type MessageName } from '../catalog';
import { Envelope } from '../envelope';
import { CV_TEMPLATE_SCHEMA_FILE, renderCvTemplateSchema } from './cv-template-doc';

const BASE = 'https://rekrutteringsservice.dk/schemas/';

export function schemaFileName(name: MessageName): string {
  return `${name}.v${catalog[name].version}.json`;
}

function toSchema(schema: z.ZodType, file: string, title: string, description: string): Record<string, unknown> {
  // io 'input': what a publisher must send (defaults optional); refinements do not translate and
  // are stated in docs/messages.md instead.
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: `${BASE}${file}`, title, description, ...json };
}

/** Every JSON Schema for other languages: the envelope and one per message (its `data`). File name → schema. */
export function renderJsonSchemas(): Record<string, Record<string, unknown>> {
  const files: Record<string, Record<string, unknown>> = {
    'envelope.json': toSchema(Envelope, 'envelope.json', 'Envelope', 'CloudEvents 1.0 structured-mode envelope of every message'),
  };
  for (const name of Object.keys(catalog) as MessageName[]) {
    const entry = catalog[name];
    const file = schemaFileName(name);
    files[file] = toSchema(entry.schema, file, `${name} v${entry.version} (data)`, entry.description);
  }
  files[CV_TEMPLATE_SCHEMA_FILE] = renderCvTemplateSchema();
  return files;
}
