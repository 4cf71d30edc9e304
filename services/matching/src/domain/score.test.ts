import { toCandidate } from './candidate';
import { rankPool } from './rank';
import { prepareQuery, reasonsFor, scoreOf, WEIGHTS } from './score';
import { testCv as cv } from './test-cvs';
import { cooperationsAt } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/** The cooperations as seeded (HRS, JRS), on a December day. */
const COOPS = cooperationsAt(cooperationSeeds(), new Date('2026-12-01T12:00:00Z'));

const now = new Date('2026-11-25T09:00:00Z');
const order = {
  title: 'Social- og sundhedsassistent',
  occupation: '5321',
  positions: 2,
  municipality: 101, // København, Region Hovedstaden, HRS
  companyName: 'Plejecenter Sundby',
  description: 'Dagvagter. Erfaring med medicingivning og demens.',
  startBy: '2026-12-15',
};
const query = (over: Partial<Parameters<typeof prepareQuery>[0]> = {}) =>
  prepareQuery(
    { occupation: '5321', municipality: 101, startBy: '2026-12-15', text: `${order.title} ${order.description}`, ...over },
    now,
    COOPS,
  );
const codes = (c: ReturnType<typeof cv>, q = query()) => reasonsFor(toCandidate(c), q).map((r) => r.code);
const score = (c: ReturnType<typeof cv>, q = query()) => scoreOf(toCandidate(c), q);

describe('scoring a CV for an order', () => {
  it('follows the DISCO-08 hierarchy: same occupation > same minor group > same sub-major group > not a candidate', () => {
    const same = score(cv({ occupations: ['5321'] }));
    const minor = score(cv({ occupations: ['5322'] }));
    const subMajor = score(cv({ occupations: ['5311'] }));
    expect(same - minor).toBe(WEIGHTS.occupation[4] - WEIGHTS.occupation[3]);
    expect(minor - subMajor).toBe(WEIGHTS.occupation[3] - WEIGHTS.occupation[2]);
    expect(score(cv({ occupations: ['5120'] }))).toBe(-1);
    expect(codes(cv({ occupations: ['5322'] }))[0]).toBe('related-occupation');
    expect(codes(cv({ occupations: ['5311'] }))[0]).toBe('occupation-group');
  });

  it('takes the closest of several occupations, and at the same closeness the one with more experience', () => {
    const c = cv({
      occupations: [
        { code: '5311', years: 20 },
        { code: '5322', years: 2 },
        { code: '5329', years: 6 },
      ],
    });
    const reasons = reasonsFor(toCandidate(c), query());
    expect(reasons[0]?.en).toBe('Related occupation: same minor group (5329)');
    expect(reasons[1]).toEqual({ code: 'experience', da: '6 års erfaring i faget', en: '6 years of experience in the occupation' });
  });

  it('counts experience up to ten years; a bare code (years unknown) earns none', () => {
    const years = (y: number) => score(cv({ occupations: [{ code: '5321', years: y }] }));
    expect(years(4) - score(cv())).toBe(6);
    expect(years(10)).toBe(years(25));
    expect(years(10) - score(cv())).toBe(WEIGHTS.maxExperience);
  });

  it('scores distance: same municipality > same region > same cooperation > further, against the own commuting limit', () => {
    const at = (municipality: number, commuteKm?: number) => cv({ municipality, ...(commuteKm !== undefined ? { commuteKm } : {}) });
    expect(codes(at(101))).toContain('nearby');
    expect(codes(at(147))).toContain('same-region');
    expect(score(at(101)) - score(at(147))).toBe(WEIGHTS.sameMunicipality - WEIGHTS.sameRegion);
    expect(score(at(147)) - score(at(851))).toBe(WEIGHTS.sameRegion); // Aalborg: another region, another cooperation
    // Within own limit: a reason and points; beyond it (40 km estimated for the same region): no distance points.
    expect(codes(at(147, 50))).toContain('within-commute');
    expect(score(at(147, 50)) - score(at(147))).toBe(WEIGHTS.withinCommute);
    expect(codes(at(147, 5))).not.toContain('same-region');
    expect(score(at(147, 5))).toBe(score(at(851)));
  });

  it('is available when free by the start date (or within 14 days without one), by date or notice', () => {
    expect(codes(cv({ availableFrom: '2026-12-15' }))).toContain('available');
    expect(codes(cv({ availableFrom: '2026-12-16' }))).not.toContain('available');
    expect(codes(cv({ noticeDays: 20 }))).toContain('available');
    expect(codes(cv({ noticeDays: 21 }))).not.toContain('available');
    const noStart = query({ startBy: undefined });
    expect(codes(cv({ availableFrom: '2026-12-09' }), noStart)).toContain('available');
    expect(codes(cv({ availableFrom: '2026-12-10' }), noStart)).not.toContain('available');
  });

  it('adds skills the order names (whole words, at most three), Danish, freshness — each with a reason in both languages', () => {
    const c = cv({ skills: ['Medicingivning', 'demens', 'dem', 'truckcertifikat'], revision: '2026-11-20T00:00:00Z' });
    const reasons = reasonsFor(toCandidate(c), query());
    expect(reasons.find((r) => r.code === 'skills')?.da).toBe('Kompetencer nævnt i ordren: medicingivning, demens');
    // A date as a consultant reads it, not as ISO.
    expect(reasons.find((r) => r.code === 'available')).toMatchObject({
      da: 'Kan starte senest 15. december 2026',
      en: 'Can start by 15 December 2026',
    });
    expect(reasons.map((r) => r.code)).toEqual(['occupation', 'skills', 'languages', 'same-region', 'available', 'fresh']);
    for (const r of reasons) expect(r.da && r.en && r.da !== r.en).toBeTruthy();
    expect(score(c)).toBe(
      WEIGHTS.occupation[4] + 2 * WEIGHTS.skill + WEIGHTS.danish + WEIGHTS.sameRegion + WEIGHTS.available + WEIGHTS.freshMonth,
    );
  });

  it('reads Danish at B2 or better, or a bare "da", as speaking Danish', () => {
    expect(codes(cv({ languages: [{ code: 'da', level: 'B2' }] }))).toContain('languages');
    expect(codes(cv({ languages: [{ code: 'da', level: 'B1' }] }))).not.toContain('languages');
    expect(codes(cv({ languages: ['en'] }))).not.toContain('languages');
  });

  it('gives the best possible CV 100 and a bare minimum more than 0', () => {
    const best = cv({
      occupations: [{ code: '5321', years: 12 }],
      skills: ['medicingivning', 'demens', 'dagvagter'],
      municipality: 101,
      commuteKm: 20,
      revision: '2026-11-24T00:00:00Z',
    });
    expect(score(best)).toBe(100);
    expect(
      score(cv({ occupations: ['5311'], languages: [], municipality: 851, availableFrom: '2027-06-01', revision: '2026-01-01T00:00:00Z' })),
    ).toBe(WEIGHTS.occupation[2]);
  });

  it('handles missing optional fields (no availability, no licence, no languages, no summary language)', () => {
    expect(score(cv({ languages: [], summary: '' }))).toBeGreaterThan(0);
  });
});

describe('hard requirements and visibility', () => {
  const required = (requirements: NonNullable<Parameters<typeof prepareQuery>[0]['requirements']>) => query({ requirements });

  it("ranks an order's OrderSummary.requirements (order.registered / order.amended): no candidate without the licence", () => {
    const withC = toCandidate(cv({ candidateRef: 'with-c', licenceCategories: ['B', 'C'] }));
    const withoutC = toCandidate(cv({ candidateRef: 'without-c', licenceCategories: ['B'] }));
    const refs = (o: Parameters<typeof rankPool>[0]) =>
      rankPool(o, [withC, withoutC], now, COOPS).flatMap((s) => s.candidates.map((c) => c.candidateRef));
    expect(refs(order).sort()).toEqual(['with-c', 'without-c']);
    expect(refs({ ...order, requirements: { licenceCategories: ['C'] } })).toEqual(['with-c']);
  });

  it('leaves out a CV that lacks a required certificate, licence category or language level', () => {
    const q = required({ certificates: ['forklift'], licenceCategories: ['C'], languages: [{ code: 'da', level: 'B1' }] });
    const full = cv({ certificates: ['forklift', 'first-aid'], licenceCategories: ['B', 'C'], languages: [{ code: 'da', level: 'B2' }] });
    expect(score(full, q)).toBeGreaterThan(0);
    expect(codes(full, q)).toContain('requirements');
    expect(score({ ...full, certificates: ['first-aid'] }, q)).toBe(-1);
    expect(score({ ...full, licenceCategories: ['B'] }, q)).toBe(-1);
    expect(score({ ...full, languages: [{ code: 'da', level: 'A2' }] }, q)).toBe(-1);
    // A language named without a level does not meet a level: when in doubt, not met.
    expect(score({ ...full, languages: ['da'] }, q)).toBe(-1);
  });

  it("reads the thin CV's drivingLicence as category B", () => {
    expect(score(cv({ drivingLicence: true }), required({ licenceCategories: ['B'] }))).toBeGreaterThan(0);
    expect(score(cv({ drivingLicence: false }), required({ licenceCategories: ['B'] }))).toBe(-1);
  });

  it('"must start at short notice": a date or a notice beyond the days given leaves the CV out', () => {
    const q = required({ startWithinDays: 7 }); // by 2026-12-02
    expect(score(cv(), q)).toBeGreaterThan(0); // no date, no notice: unemployed, free now
    expect(score(cv({ availableFrom: '2026-12-02' }), q)).toBeGreaterThan(0);
    expect(score(cv({ availableFrom: '2026-12-03' }), q)).toBe(-1);
    expect(score(cv({ noticeDays: 8 }), q)).toBe(-1);
  });

  it('shows a CV only when its jobcentre marked it searchable and nothing speaks against it', () => {
    expect(score(cv({ visibility: { searchable: true, consent: 'given', activelySeeking: true } }))).toBeGreaterThan(0);
    const { visibility: _v, ...unmarked } = cv();
    for (const hidden of [
      unmarked,
      cv({ visibility: { searchable: false } }),
      cv({ visibility: { searchable: true, addressProtected: true } }),
      cv({ visibility: { searchable: true, activelySeeking: false } }),
      cv({ visibility: { searchable: true, consent: 'missing' } }),
      cv({ visibility: { searchable: true, consent: 'refused' } }),
    ])
      expect(score(hidden as ReturnType<typeof cv>)).toBe(-1);
  });
});

describe('rankPool', () => {
  it("gives each jobcentre only its own candidates, best first, ties by reference, at most the shortlist's size", () => {
    const pool = [];
    for (let i = 0; i < 15; i++)
      pool.push(toCandidate(cv({ jobcentre: 147, candidateRef: `f${String(14 - i).padStart(2, '0')}`, municipality: i < 3 ? 101 : 147 })));
    pool.push(
      toCandidate(cv({ jobcentre: 151, candidateRef: 'b1' })),
      toCandidate(cv({ jobcentre: 151, candidateRef: 'b2', occupations: ['9112'] })),
    );
    const lists = rankPool(order, pool, now, COOPS);
    expect(lists.map((l) => l.jobcentre)).toEqual([147, 151]);
    const own = lists[0]!.candidates;
    expect(own).toHaveLength(10);
    expect(own.slice(0, 4).map((c) => c.candidateRef)).toEqual(['f12', 'f13', 'f14', 'f00']);
    expect(lists[1]!.candidates.map((c) => c.candidateRef)).toEqual(['b1']);
  });

  it('leaves out jobcentres without a suitable candidate', () => {
    expect(rankPool(order, [toCandidate(cv({ occupations: ['9112'] }))], now, COOPS)).toEqual([]);
  });
});
