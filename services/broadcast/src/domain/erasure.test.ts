import { makeEnvelope } from '@rs/contracts';
import { candidateKeysOf, eraseFromMessages, eraseFromRound, eraseFromShortlists, type SentMessage } from './erasure';
import type { Round } from './round';

const e = { jobcentre: 147, refs: new Set(['gone']) };
const cand = (candidateRef: string) => ({ candidateRef, headline: 'x', score: 50, reasons: [] });
const env = <N extends Parameters<typeof makeEnvelope>[0]>(name: N, data: Parameters<typeof makeEnvelope<N>>[1]) =>
  makeEnvelope(name, data, { id: `${name}-1`, time: new Date('2026-12-01T10:00:00Z'), source: '/test' });

describe('erasure of a withdrawn candidate from broadcast', () => {
  it("removes the candidate from its own jobcentre's replies in a round, and leaves another jobcentre's same ref alone", () => {
    const round = {
      recipients: [
        {
          jobcentre: 147,
          status: 'replied',
          answer: 'candidates',
          candidates: [
            { candidateRef: 'gone', summary: 's' },
            { candidateRef: 'kept', summary: 's' },
          ],
        },
        { jobcentre: 151, status: 'replied', answer: 'candidates', candidates: [{ candidateRef: 'gone', summary: 's' }] },
      ],
    } as unknown as Round;
    const erased = eraseFromRound(round, e);
    expect(erased?.recipients.map((r) => r.candidates?.map((c) => c.candidateRef))).toEqual([['kept'], ['gone']]);
    expect(eraseFromRound(erased!, e)).toBeUndefined();
  });

  it('removes it from stored shortlists; a list left empty goes', () => {
    const lists = [
      { jobcentre: 147, candidates: [cand('gone')] },
      { jobcentre: 151, candidates: [cand('gone'), cand('b')] },
    ];
    expect(eraseFromShortlists(lists, e)).toEqual([{ jobcentre: 151, candidates: [cand('gone'), cand('b')] }]);
    expect(eraseFromShortlists(lists.slice(1), e)).toBeUndefined();
  });

  it('removes it from feed messages (shortlist, reply copy, hire notice) and names the candidates a record holds', () => {
    const base = { roundId: 'o-1', orderId: 'o' };
    const sent: SentMessage[] = [
      { jobcentre: 147, envelope: env('round.shortlist', { ...base, recipient: 147, shortlist: [cand('gone')] }) },
      {
        jobcentre: 101,
        envelope: env('round.reply-received', {
          ...base,
          recipient: 147,
          answer: 'candidates',
          candidates: [
            { candidateRef: 'gone', summary: 's' },
            { candidateRef: 'kept', summary: 's' },
          ],
          late: false,
          amended: false,
          repliedAt: '2026-12-01T10:00:00Z',
        }),
      },
      {
        jobcentre: 101,
        envelope: env('round.candidate-withdrawn', {
          ...base,
          jobcentre: 147,
          candidateRef: 'gone',
          reason: 'hired-elsewhere',
          hiredFor: 'p',
        }),
      },
      { jobcentre: 151, envelope: env('round.shortlist', { ...base, recipient: 151, shortlist: [cand('gone')] }) },
    ];
    expect(candidateKeysOf(sent).sort()).toEqual(['147-gone', '147-kept', '151-gone']);
    const kept = eraseFromMessages(sent, e)!;
    expect(kept.map((s) => s.envelope.type)).toEqual([sent[1]!.envelope.type, sent[3]!.envelope.type]);
    expect(JSON.stringify(kept[0])).not.toContain('"gone"');
    expect(kept[0]!.envelope.id).toBe(sent[1]!.envelope.id);
    expect(eraseFromMessages(kept, e)).toBeUndefined();
  });
});
