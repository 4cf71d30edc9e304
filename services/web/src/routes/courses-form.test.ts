import { badRefs, copenhagenInstant, courseBody, inLanguage, seatsBody, splitRefs } from './courses-form';

describe('the course form', () => {
  it('reads the window as Danish time, summer and winter, and refuses what is no time', () => {
    expect(copenhagenInstant('2026-12-15T12:00')).toBe('2026-12-15T11:00:00.000Z');
    expect(copenhagenInstant('2027-06-15T12:00:30')).toBe('2027-06-15T10:00:30.000Z');
    expect(copenhagenInstant('2027-02-30T12:00')).toBeUndefined();
    expect(copenhagenInstant('tomorrow')).toBeUndefined();
  });

  it('names every field a person got wrong, in the API’s own field names', () => {
    const result = courseBody({ seats: '-1', 'guarantee.kind': 'job', onPositiveList: 'yes', 'ceiling.147': '1.5' }, [147], false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.problems)).toEqual(
      expect.arrayContaining([
        'title',
        'provider.kind',
        'positiveList.list',
        'positiveList.year',
        'seats',
        'windowClosesAt',
        'guarantee.declaration.employCount',
        'guarantee.declaration.declaredOn',
        'ceiling.147',
      ]),
    );
    expect(result.problems.seats).toEqual({ key: 'courses.err.int', vars: { min: 1, max: 500 } });
  });

  it('builds the API body from a good form', () => {
    const result = courseBody(
      {
        title: 'Truck',
        'provider.kind': 'amu',
        'provider.name': 'AMU Hovedstaden',
        startDate: '2030-01-07',
        endDate: '2030-01-18',
        place: 'Glostrup',
        seats: '4',
        boughtBy: 'Tårnby',
        fundedBy: 'jobcentres',
        pricePerSeatDkk: '10000',
        'company.name': 'Lagerhuset',
        'guarantee.kind': 'none',
        windowClosesAt: '2029-12-01T10:00',
        scope: 'cooperation',
        'ceiling.147': '30000',
      },
      [101, 147],
      false,
    );
    expect(result).toMatchObject({
      ok: true,
      ceilingOrder: [147],
      body: {
        positiveList: null,
        guarantee: { kind: 'none' },
        seats: 4,
        windowClosesAt: '2029-12-01T09:00:00.000Z',
        budgetCeilings: [{ jobcentre: 147, dkk: 30000 }],
        defaultBudgetCeilingDkk: null,
        orderId: null,
      },
    });
  });

  it('splits candidate references and refuses CPR-shaped ones; picks the page language of a rule message', () => {
    expect(splitRefs(' a-1, b_2\nc3 ')).toEqual(['a-1', 'b_2', 'c3']);
    expect(badRefs(['k-1'])).toBe(false);
    expect(badRefs(['010190-1234'])).toBe(true);
    expect(badRefs(['æ'])).toBe(true);
    expect(inLanguage('must be in the future / skal ligge i fremtiden', 'da')).toBe('skal ligge i fremtiden');
    expect(inLanguage('must be in the future / skal ligge i fremtiden', 'en')).toBe('must be in the future');
    expect(inLanguage('Required', 'da')).toBe('Required');
  });

  it('maps each kind of problem to its catalogue key: required, choice, date, too long', () => {
    const result = courseBody(
      { title: 'x'.repeat(201), 'provider.kind': 'circus', startDate: '2030-02-30', endDate: '', 'guarantee.kind': 'none' },
      [],
      true,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.title).toEqual({ key: 'courses.err.tooLong', vars: { max: 200 } });
    expect(result.problems['provider.kind']).toEqual({ key: 'courses.err.choose' });
    expect(result.problems.startDate).toEqual({ key: 'courses.err.date' });
    expect(result.problems.endDate).toEqual({ key: 'courses.err.required' });
    expect(result.problems.leadJobcentre).toEqual({ key: 'courses.err.required' });
    // No declaration is asked for without a guarantee.
    expect(Object.keys(result.problems).some((k) => k.startsWith('guarantee.declaration'))).toBe(false);
  });

  it('reads a seat request: whole seats from 1 to 500 and pseudonymous references', () => {
    expect(seatsBody({ seats: '3', candidates: 'a-1, b-2' })).toEqual({ ok: true, body: { seats: 3, candidates: ['a-1', 'b-2'] } });
    expect(seatsBody({ seats: '2' })).toEqual({ ok: true, body: { seats: 2, candidates: [] } });
    for (const seats of ['', '0', '501', '1.5', 'two']) {
      expect([seats, seatsBody({ seats })]).toEqual([
        seats,
        { ok: false, problems: { seats: { key: 'courses.err.int', vars: { min: 1, max: 500 } } } },
      ]);
    }
    expect(seatsBody({ seats: '2', candidates: '010190-1234' })).toEqual({
      ok: false,
      problems: { candidates: { key: 'courses.err.refs' } },
    });
  });
});
