import { candidateInquiryExample, inquiryAnsweredExample, roundReplyRefusedExample } from '@rs/contracts';
import { parseCommand, renderAnswered, renderInbox, renderInquiries, renderRefusal, timeLeft } from './inbox-view';

const order = (roundId: string, deadline: string) => ({
  roundId,
  orderId: 'o',
  leadJobcentre: 101,
  recipient: 147,
  scope: 'cooperation' as const,
  deadline,
  order: { title: 'Chauffør', occupation: '8332', positions: 2, municipality: 101, companyName: 'Vognmand Hansen', description: '' },
});

describe('inbox view', () => {
  const now = new Date('2026-11-25T09:00:00Z');

  it('shows time left in Danish and English, and overdue', () => {
    expect(timeLeft('2026-11-25T11:05:00Z', now)).toBe('om 2 t 5 min / in 2 h 5 min');
    expect(timeLeft('2026-11-25T08:00:00Z', now)).toBe('OVERSKREDET / OVERDUE');
  });

  it('lists the soonest deadline first with numbers the commands use', () => {
    const lines = renderInbox(
      147,
      [
        { order: order('late', '2026-11-27T09:00:00Z'), receivedAt: '' },
        { order: order('soon', '2026-11-25T10:00:00Z'), receivedAt: '', reminded: true },
      ],
      now,
    );
    expect(lines[0]).toContain('open broadcasts: 2');
    expect(lines[1]).toContain('[1] Chauffør');
    expect(lines[2]).toContain('in 1 h 0 min');
    expect(lines[2]).toContain('påmindet/reminded');
    expect(lines[4]).toContain('in 48 h 0 min');
  });

  it('parses commands and explains bad ones', () => {
    expect(parseCommand('n 2')).toEqual({ kind: 'none', index: 2 });
    expect(parseCommand('c 1 c-147-9 Truckfører med C/CE')).toEqual({
      kind: 'candidate',
      index: 1,
      ref: 'c-147-9',
      summary: 'Truckfører med C/CE',
    });
    expect(parseCommand('c 1 bad:ref x')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('n x')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('')).toEqual({ kind: 'list' });
    expect(parseCommand('zz')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('zz') });
  });
});

describe('renderRefusal', () => {
  it('tells the consultant in Danish and English which round was refused and why', () => {
    const lines = renderRefusal(roundReplyRefusedExample, 'SOSU-assistent');
    expect(lines[0]).toBe(`>> Svar afvist / reply refused: SOSU-assistent (runde/round ${roundReplyRefusedExample.roundId})`);
    expect(lines[1]).toContain(roundReplyRefusedExample.message.da);
    expect(lines[1]).toContain(roundReplyRefusedExample.message.en);
  });
});

describe('answering an inquiry in the inbox', () => {
  it('parses `a <nr> <answer> [note]` in Danish or English, and lists the inquiries oldest first', () => {
    expect(parseCommand('a 2 ja kan starte mandag')).toEqual({ kind: 'answer', index: 2, answer: 'available', note: 'kan starte mandag' });
    expect(parseCommand('a 1 no')).toEqual({ kind: 'answer', index: 1, answer: 'not-available', note: '' });
    expect(parseCommand('a 1 væk')).toMatchObject({ answer: 'no-longer-searchable' });
    expect(parseCommand('a 1 måske')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('a x ja')).toMatchObject({ kind: 'invalid' });
    const later = { ...candidateInquiryExample, inquiryId: '4f0d6a8e-1c1b-4e9a-9a53-0c4f5e6a7b21', askedAt: '2026-12-02T10:00:00.000Z' };
    const lines = renderInquiries([later, candidateInquiryExample]);
    expect(lines[1]).toContain(`(1) kandidat/candidate ${candidateInquiryExample.candidateRef}`);
    expect(renderAnswered(inquiryAnsweredExample)[1]).toContain('Til rådighed');
  });
});
