import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';

/**
 * The text of a PDF as a reader extracts it (Mozilla's pdf.js), page by page, so a test can ask
 * whether "Tårnby" came out intact. pdf.js is an ES module jest's runtime cannot load, so it runs
 * in a child node process that reads the PDF on stdin.
 */
const SCRIPT = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, standardFontDataUrl: process.argv[1] }).promise;
const pages = [];
for (let i = 1; i <= pdf.numPages; i++) {
  const content = await (await pdf.getPage(i)).getTextContent();
  pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\\n' : '') : '')).join(''));
}
process.stdout.write(JSON.stringify(pages));
`;

export function pdfText(pdf: Buffer): Promise<string[]> {
  const pdfjs = dirname(require.resolve('pdfjs-dist/package.json'));
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT, join(pdfjs, 'standard_fonts') + '/'],
      { cwd: pdfjs, maxBuffer: 32 * 1024 * 1024, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`pdf.js could not read the PDF: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as string[]);
      },
    );
    child.stdin?.end(pdf);
  });
}
