import { SharedCv } from '@rs/contracts';
import { demoAnswer, demoCvs, demoReply } from './demo-pool';

describe('the demo pool', () => {
  it('is valid, the same every run, and lives in the jobcentre’s own municipalities', () => {
    const cvs = demoCvs(185, 30); // Tårnby also serves Dragør (155)
    expect(cvs).toEqual(demoCvs(185, 30));
    for (const cv of cvs) expect(SharedCv.parse(cv)).toEqual(cv);
    expect(new Set(cvs.map((c) => c.municipality))).toEqual(new Set([155, 185]));
    expect(new Set(cvs.map((c) => c.candidateRef)).size).toBe(30);
  });

  it('replies with the suggested candidates when matching gave some, as many as planned', () => {
    const planned = {
      roundId: 'r',
      orderId: 'o',
      answer: 'candidates' as const,
      candidates: [
        { candidateRef: 'x1', summary: 'a' },
        { candidateRef: 'x2', summary: 'b' },
      ],
    };
    const shortlist = ['s1', 's2', 's3'].map((ref) => ({
      candidateRef: ref,
      headline: 'Kok',
      score: 70,
      reasons: [{ code: 'occupation' as const, da: 'Samme fag (5120)', en: 'Same occupation (5120)' }],
    }));
    expect(demoReply(planned, shortlist).candidates.map((c) => c.candidateRef)).toEqual(['s1', 's2']);
    expect(demoReply(planned, shortlist).candidates[0]!.summary).toBe('Kok (Samme fag (5120))');
    expect(demoReply(planned, undefined)).toBe(planned);
    expect(demoReply({ ...planned, answer: 'none', candidates: [] }, shortlist).candidates).toEqual([]);
  });

  it('names candidates for the job asked for when matching suggested none', () => {
    const order = {
      roundId: 'r-1',
      orderId: 'o',
      recipient: 147,
      order: { title: 'Lagerarbejder med truckcertifikat', occupation: '9321' },
    };
    const always = { silentShare: 0, noneShare: 0, minDelayMs: 0, maxDelayMs: 0 };
    const { reply } = demoAnswer(order as never, always)!;
    expect(reply.candidates.length).toBeGreaterThan(0);
    for (const c of reply.candidates) expect(c.summary).toMatch(/^Lagerarbejder, \d+ års erfaring/);
  });
});
