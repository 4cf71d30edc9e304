// Facts from the cooperation agreements and the official municipality list, counted by hand
// here rather than recomputed with the code under test.
import {
  allJobcentres,
  allMunicipalities,
  allRegions,
  cooperation,
  cooperationOf,
  isJobcentre,
  jobcentre,
  jobcentreForMunicipality,
  jobcentreFromUsername,
  jobcentreUsername,
  municipality,
  nextScope,
  recipientsFor,
} from './index';

describe('municipalities and regions', () => {
  it('has the 98 municipalities with unique codes and the five regions', () => {
    expect(allMunicipalities()).toHaveLength(98);
    expect(new Set(allMunicipalities().map((m) => m.code)).size).toBe(98);
    expect(allRegions().map((r) => `${r.code} ${r.name}`)).toEqual([
      '1081 Nordjylland',
      '1082 Midtjylland',
      '1083 Syddanmark',
      '1084 Hovedstaden',
      '1085 Sjælland',
    ]);
  });

  it('East Denmark (Hovedstaden + Sjælland) has 46 municipalities: 29 + 17', () => {
    const count = (region: number) => allMunicipalities().filter((m) => m.regionCode === region).length;
    expect(count(1084)).toBe(29);
    expect(count(1085)).toBe(17);
  });

  it('looks up a municipality by code and returns undefined for an unknown code', () => {
    expect(municipality(101)).toEqual({ code: 101, name: 'København', regionCode: 1084, jobcentreCode: 101 });
    expect(municipality(999)).toBeUndefined();
  });
});

describe('jobcentres (R1)', () => {
  it('a company in Dragør is served by Tårnby, in Ishøj by Vallensbæk, elsewhere by its own municipality', () => {
    expect(jobcentreForMunicipality(155)).toBe(185);
    expect(jobcentreForMunicipality(183)).toBe(187);
    expect(jobcentreForMunicipality(851)).toBe(851);
    expect(jobcentreForMunicipality(999)).toBeUndefined();
  });

  it('has 96 jobcentres: 98 municipalities minus Dragør and Ishøj', () => {
    expect(allJobcentres()).toHaveLength(96);
    expect(isJobcentre(155)).toBe(false);
    expect(isJobcentre(183)).toBe(false);
    expect(isJobcentre(185)).toBe(true);
  });

  it('names a jobcentre after its host municipality and lists the municipalities it serves', () => {
    expect(jobcentre(185)).toEqual({ code: 185, name: 'Tårnby', regionCode: 1084, municipalities: [155, 185] });
    expect(jobcentre(187)?.municipalities).toEqual([183, 187]);
    expect(jobcentre(101)?.municipalities).toEqual([101]);
    expect(jobcentre(155)).toBeUndefined();
  });

  it('lists jobcentres ascending by code', () => {
    const codes = allJobcentres().map((j) => j.code);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
  });
});

describe('cooperations', () => {
  it('HRS has 16 members, its secretariat in Ballerup, a 48-hour working-time window and no auto-escalation', () => {
    const hrs = cooperation('HRS');
    expect(hrs?.members).toHaveLength(16);
    expect(hrs?.secretariatHost).toBe(151);
    expect(hrs?.replyWindowHours).toBe(48);
    expect(hrs?.replyWindowMode).toBe('working-time');
    expect(hrs?.autoEscalate).toBe(false);
  });

  it('JRS has 17 members and names no secretariat host', () => {
    expect(cooperation('JRS')?.members).toHaveLength(17);
    expect(cooperation('JRS')?.secretariatHost).toBeUndefined();
    expect(cooperation('XYZ')).toBeUndefined();
  });

  it('finds the cooperation of a jobcentre, or undefined when it has none', () => {
    expect(cooperationOf(101)?.id).toBe('HRS');
    expect(cooperationOf(259)?.id).toBe('JRS');
    expect(cooperationOf(851)).toBeUndefined();
    // Bornholm is in Hovedstaden but not a member of HRS.
    expect(cooperationOf(400)).toBeUndefined();
  });
});

describe('scopes and recipients (R5, R7)', () => {
  it('widens cooperation → east-denmark → national → nothing', () => {
    expect(nextScope('cooperation')).toBe('east-denmark');
    expect(nextScope('east-denmark')).toBe('national');
    expect(nextScope('national')).toBeUndefined();
  });

  it('a cooperation round from København goes to the other 15 HRS members, sorted', () => {
    const recipients = recipientsFor('cooperation', 101);
    expect(recipients).toHaveLength(15);
    expect(recipients).not.toContain(101);
    expect(recipients).toEqual([...recipients].sort((a, b) => a - b));
    expect(recipients[0]).toBe(147);
  });

  it('a cooperation round from a jobcentre in no cooperation is refused with a clear error', () => {
    expect(() => recipientsFor('cooperation', 851)).toThrow(/851 is in no cooperation/);
  });

  it('refuses a lead that is not a jobcentre', () => {
    expect(() => recipientsFor('national', 155)).toThrow(/155 is not a jobcentre/);
  });

  it('East Denmark: 46 municipalities, 44 jobcentres, so 43 recipients from København', () => {
    const recipients = recipientsFor('east-denmark', 101);
    expect(recipients).toHaveLength(43);
    expect(recipients).toContain(400); // Bornholm is in Hovedstaden
    expect(recipients).toContain(390); // Vordingborg is in Sjælland
    expect(recipients).not.toContain(155); // Dragør has no jobcentre of its own
    expect(recipients).not.toContain(410); // Middelfart is in Syddanmark
  });

  it('national: 96 jobcentres, so 95 recipients from København', () => {
    expect(recipientsFor('national', 101)).toHaveLength(95);
  });

  it('leaves out the excluded jobcentres, e.g. those asked in the previous round', () => {
    const asked = recipientsFor('cooperation', 101);
    const next = recipientsFor('east-denmark', 101, { exclude: asked });
    expect(next).toHaveLength(43 - 15);
    expect(next.some((code) => asked.includes(code))).toBe(false);
  });
});

describe('broker user names', () => {
  it('maps a jobcentre code to its user name and back', () => {
    expect(jobcentreUsername(101)).toBe('jobcentre-101');
    expect(jobcentreFromUsername('jobcentre-101')).toBe(101);
  });

  it('refuses codes that are not jobcentres and names that do not follow the convention', () => {
    expect(() => jobcentreUsername(155)).toThrow(/not a jobcentre/);
    expect(jobcentreFromUsername('jobcentre-155')).toBeUndefined();
    expect(jobcentreFromUsername('jobcentre-0101')).toBeUndefined();
    expect(jobcentreFromUsername('jobcentre-101 ')).toBeUndefined();
    expect(jobcentreFromUsername('admin')).toBeUndefined();
  });
});
