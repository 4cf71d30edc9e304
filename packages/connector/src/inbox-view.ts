import {
  type CandidateInquiry,
  INQUIRY_ANSWERS,
  type InquiryAnswered,
  type InquiryAnswerRefused,
  type InquiryAnswerValue,
  type OrderBroadcast,
  type RoundReplyRefused,
} from '@rs/contracts';

/** What the inbox shows: the rounds this jobcentre still has to answer. */
export interface InboxRound {
  order: OrderBroadcast;
  receivedAt: string;
  reminded?: boolean;
  overdue?: boolean;
}

const TIME = new Intl.DateTimeFormat('da-DK', {
  timeZone: 'Europe/Copenhagen',
  weekday: 'short',
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "om 2 t 5 min" / "in 2 h 5 min", or "OVERSKREDET / OVERDUE". */
export function timeLeft(deadline: string, now: Date): string {
  const ms = Date.parse(deadline) - now.getTime();
  if (ms <= 0) return 'OVERSKREDET / OVERDUE';
  const minutes = Math.ceil(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `om ${h} t ${m} min / in ${h} h ${m} min` : `om ${m} min / in ${m} min`;
}

/** The inbox as text lines, soonest deadline first; the numbers are what the commands take. */
export function renderInbox(jobcentre: number, rounds: InboxRound[], now: Date): string[] {
  const lines = [`Jobcenter ${jobcentre} — åbne rundsendinger / open broadcasts: ${rounds.length}`];
  if (rounds.length === 0) {
    lines.push('  (ingen / none)');
    return lines;
  }
  sortedRounds(rounds).forEach((r, i) => {
    const o = r.order;
    const flags = [r.overdue ? 'OVERSKREDET' : '', r.reminded ? 'påmindet/reminded' : ''].filter(Boolean).join(', ');
    lines.push(
      `  [${i + 1}] ${o.order.title} (${o.order.positions} stk.) — ${o.order.companyName}, kommune ${o.order.municipality}` +
        ` — fra/from jobcenter ${o.leadJobcentre}`,
      `      frist/deadline ${TIME.format(new Date(o.deadline))} (${timeLeft(o.deadline, now)})${flags ? ` [${flags}]` : ''}`,
    );
  });
  return lines;
}

/** A refused reply, told to the consultant: nothing of it was recorded. */
export function renderRefusal(refusal: RoundReplyRefused, title?: string): string[] {
  return [
    `>> Svar afvist / reply refused${title ? `: ${title}` : ''} (runde/round ${refusal.roundId ?? '?'})`,
    `   ${refusal.message.da} / ${refusal.message.en}${refusal.detail ? ` — ${refusal.detail}` : ''}`,
  ];
}

/** The inquiries this jobcentre still has to answer, oldest first; the numbers are what `a` takes. */
export function renderInquiries(inquiries: CandidateInquiry[]): string[] {
  if (inquiries.length === 0) return [];
  const lines = [`Forespørgsler om kandidater / inquiries about candidates: ${inquiries.length}`];
  sortedInquiries(inquiries).forEach((q, i) => {
    lines.push(
      `  (${i + 1}) kandidat/candidate ${q.candidateRef} — fra/from jobcenter ${q.fromJobcentre}${q.orderId ? `, ordre/order ${q.orderId}` : ''}`,
      `      ${q.question}`,
    );
  });
  return lines;
}

export function sortedInquiries(inquiries: CandidateInquiry[]): CandidateInquiry[] {
  return [...inquiries].sort((a, b) => Date.parse(a.askedAt) - Date.parse(b.askedAt));
}

/** Another jobcentre answered an inquiry this jobcentre sent. */
export function renderAnswered(answered: InquiryAnswered): string[] {
  const words = INQUIRY_ANSWERS[answered.answer];
  return [
    `>> Svar på forespørgsel / inquiry answered: kandidat/candidate ${answered.candidateRef} (jobcenter ${answered.toJobcentre})`,
    `   ${words.da} / ${words.en}${answered.note ? ` — ${answered.note}` : ''}`,
  ];
}

/** A refused inquiry answer: nothing of it was recorded. */
export function renderAnswerRefused(refusal: InquiryAnswerRefused): string[] {
  return [
    `>> Svar på forespørgsel afvist / inquiry answer refused (${refusal.inquiryId ?? '?'})`,
    `   ${refusal.message.da} / ${refusal.message.en}${refusal.detail ? ` — ${refusal.detail}` : ''}`,
  ];
}

/** What a consultant types for each answer. */
const ANSWER_WORDS: Record<string, InquiryAnswerValue> = {
  available: 'available',
  ja: 'available',
  yes: 'available',
  'not-available': 'not-available',
  nej: 'not-available',
  no: 'not-available',
  'no-longer-searchable': 'no-longer-searchable',
  gone: 'no-longer-searchable',
  væk: 'no-longer-searchable',
};

export function sortedRounds(rounds: InboxRound[]): InboxRound[] {
  return [...rounds].sort((a, b) => Date.parse(a.order.deadline) - Date.parse(b.order.deadline));
}

export type InboxCommand =
  | { kind: 'list' }
  | { kind: 'none'; index: number }
  | { kind: 'candidate'; index: number; ref: string; summary: string }
  | { kind: 'answer'; index: number; answer: InquiryAnswerValue; note: string }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'invalid'; message: string };

/** Parses one line typed by the consultant. */
export function parseCommand(line: string): InboxCommand {
  const [word, ...rest] = line.trim().split(/\s+/);
  switch ((word ?? '').toLowerCase()) {
    case '':
    case 'l':
    case 'list':
      return { kind: 'list' };
    case 'n':
    case 'none': {
      const index = Number(rest[0]);
      return Number.isInteger(index) && index > 0 ? { kind: 'none', index } : { kind: 'invalid', message: 'brug/use: n <nr>' };
    }
    case 'c':
    case 'candidate': {
      const index = Number(rest[0]);
      const ref = rest[1] ?? '';
      const summary = rest.slice(2).join(' ');
      if (!Number.isInteger(index) || index < 1 || !/^[A-Za-z0-9_-]{1,64}$/.test(ref) || summary.length === 0) {
        return { kind: 'invalid', message: 'brug/use: c <nr> <kandidat-ref> <resumé/summary>' };
      }
      return { kind: 'candidate', index, ref, summary };
    }
    case 'a':
    case 'answer': {
      const index = Number(rest[0]);
      const answer = ANSWER_WORDS[(rest[1] ?? '').toLowerCase()];
      if (!Number.isInteger(index) || index < 1 || !answer) {
        return { kind: 'invalid', message: 'brug/use: a <nr> <ja|nej|væk / yes|no|gone> [note]' };
      }
      return { kind: 'answer', index, answer, note: rest.slice(2).join(' ') };
    }
    case 'h':
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'q':
    case 'quit':
      return { kind: 'quit' };
    default:
      return { kind: 'invalid', message: `ukendt kommando / unknown command: ${word}` };
  }
}

export const HELP = [
  'Kommandoer / commands:',
  '  l                         vis listen / show the list',
  '  n <nr>                    svar "ingen kvalificerede kandidater" / answer "no qualified candidates"',
  '  c <nr> <ref> <resumé>     foreslå en kandidat / propose a candidate (pseudonymous reference)',
  '  a <nr> <ja|nej|væk> [note] svar på forespørgsel (nr) / answer inquiry (nr): yes | no | gone (no longer searchable)',
  '  q                         afslut / quit (unanswered broadcasts stay in the inbox file)',
];
