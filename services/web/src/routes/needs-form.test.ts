import { needBody, quarterOf, shiftQuarter } from './needs-form';

describe('the coming-need form', () => {
  const good = {
    company: 'Svejs A/S',
    occupation: '7212 Svejser',
    count: '4',
    expectedBy: '2027-03',
    courseWouldHelp: 'yes',
    course: 'AMU svejsning',
  };

  it('builds the API body, with the course only when one would help', () => {
    expect(needBody(good)).toEqual({
      ok: true,
      body: {
        company: 'Svejs A/S',
        occupation: '7212 Svejser',
        count: 4,
        expectedBy: '2027-03',
        courseWouldHelp: true,
        course: 'AMU svejsning',
        note: '',
      },
    });
    const no = needBody({ ...good, courseWouldHelp: 'no' });
    expect(no.ok && no.body.course).toBeNull();
  });

  it('names each field at fault', () => {
    const result = needBody({ company: ' ', occupation: 'x', count: '0', expectedBy: '2027-13', courseWouldHelp: 'yes', course: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.problems).sort()).toEqual(['company', 'count', 'course', 'expectedBy']);
    const missing = needBody({});
    if (!missing.ok) expect(missing.problems.courseWouldHelp).toEqual({ key: 'needs.err.courseWouldHelp' });
  });

  it('counts quarters across the year', () => {
    expect(quarterOf('2027-03')).toBe('2027-Q1');
    expect(quarterOf(new Date('2026-12-01T10:00:00Z'))).toBe('2026-Q4');
    expect(shiftQuarter('2027-Q1', -1)).toBe('2026-Q4');
    expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
  });
});
