// Writes docs/messages.md, docs/schemas/*.json and docs/asyncapi.yaml from the built contracts
// package (pnpm exec tsc -b first). packages/contracts/test/docs-in-step.test.ts fails when the
// checked-in files differ from what this would write.
const { mkdirSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { renderAsyncApi, renderCvTemplateDoc, renderJsonSchemas, renderMessagesDoc } = require('../packages/contracts/dist/docs');

const docs = join(__dirname, '..', 'docs');
const schemas = join(docs, 'schemas');
mkdirSync(schemas, { recursive: true });
for (const file of readdirSync(schemas)) rmSync(join(schemas, file));
for (const [file, schema] of Object.entries(renderJsonSchemas()))
  writeFileSync(join(schemas, file), `${JSON.stringify(schema, null, 2)}\n`);
writeFileSync(join(docs, 'messages.md'), renderMessagesDoc());
writeFileSync(join(docs, 'asyncapi.yaml'), renderAsyncApi());
writeFileSync(join(docs, 'cv-template.md'), renderCvTemplateDoc());
console.log('wrote docs/messages.md, docs/schemas/, docs/asyncapi.yaml, docs/cv-template.md');
