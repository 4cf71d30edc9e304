import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCvTemplateDoc, renderCvTemplateSchema } from '../src/docs';

const DOCS = join(__dirname, '..', '..', '..', 'docs');

describe('the CV template page and JSON Schema', () => {
  it('docs/cv-template.md is what the schema renders', () => {
    const inStep = readFileSync(join(DOCS, 'cv-template.md'), 'utf8') === renderCvTemplateDoc();
    expect(inStep ? 'in step' : 'docs/cv-template.md is stale: run node scripts/generate-docs.js').toBe('in step');
  });

  it('labels every field in both languages and carries the labels into the JSON Schema', () => {
    const doc = renderCvTemplateDoc();
    expect(doc).toContain('| `candidateRef` | Pseudonym reference | Pseudonymous reference | yes |');
    expect(doc).toContain('| `commuteKm` | Max. transport (km) | Commuting limit (km) |');
    const schema = renderCvTemplateSchema() as { properties: Record<string, Record<string, unknown>> };
    expect(schema.properties.visibility?.['x-label-da']).toBe('Synlighed');
    expect(Object.keys(schema.properties)).not.toContain('name');
  });
});
