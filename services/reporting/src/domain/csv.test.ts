import { BOM, toCsv } from './csv';
import { REPORT_HEADER } from './report-csv';

describe('CSV for Danish Excel', () => {
  it('writes a BOM, semicolons, decimal commas, CRLF and quotes where needed', () => {
    const csv = toCsv(
      ['Kommune', 'Andel'],
      [
        ['Tårnby', 0.755],
        ['Høje-Taastrup; syd', 12],
        ['=SUM(A1)', null],
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('Kommune;Andel\r\nTårnby;0,76\r\n"Høje-Taastrup; syd";12\r\n\'=SUM(A1);\r\n');
  });

  it('names the report’s columns in Danish', () => {
    expect(REPORT_HEADER).toContain('Besættelsesgrad (%)');
    expect(REPORT_HEADER).toContain('Servicemål 1 arbejdsdag overholdt (%)');
  });
});
