import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Logger } from '@rs/bus';
import { CandidateInquiry, describeIssues, OrderBroadcast } from '@rs/contracts';
import { z } from 'zod';
import { type Connector, createConnector } from './connector';
import {
  HELP,
  type InboxRound,
  parseCommand,
  renderAnswered,
  renderAnswerRefused,
  renderInbox,
  renderInquiries,
  renderRefusal,
  sortedInquiries,
  sortedRounds,
} from './inbox-view';

export interface InboxOptions {
  url: string;
  jobcentre: number;
  /** Where unanswered broadcasts are kept between sessions (they are acked on arrival). */
  stateFile: string;
  logger: Logger;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  now?: () => Date;
}

/**
 * The consultant's terminal: open broadcasts with their deadlines, answered with candidates or
 * "none" by typing. A broadcast is written to the state file before its message is acked, so
 * quitting (or a crash) never loses one.
 */
export async function runInbox(options: InboxOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const rounds = new Map<string, InboxRound>(load(options.stateFile).map((r) => [r.order.roundId, r]));
  /** Titles of rounds answered in this session, to name one whose reply comes back refused. */
  const answered = new Map<string, string>();
  // Inquiries beside the rounds, in a file of their own: the rounds' file keeps its format.
  const inquiryFile = `${options.stateFile}.inquiries`;
  const inquiries = new Map<string, CandidateInquiry>(loadInquiries(inquiryFile).map((q) => [q.inquiryId, q]));
  const write = (file: string, value: unknown) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
    renameSync(`${file}.tmp`, file);
  };
  const save = () => {
    write(options.stateFile, [...rounds.values()]);
    write(inquiryFile, [...inquiries.values()]);
  };
  const print = (lines: string[]) => options.output.write(`${lines.join('\n')}\n`);
  const show = () =>
    print(['', ...renderInbox(options.jobcentre, [...rounds.values()], now()), ...renderInquiries([...inquiries.values()])]);

  const connector: Connector = createConnector(
    { url: options.url, jobcentre: options.jobcentre, logger: options.logger },
    {
      'round.order-broadcast': async (order) => {
        rounds.set(order.roundId, { order, receivedAt: now().toISOString() });
        save();
        print([`\n>> Ny rundsending / new broadcast: ${order.order.title} (${order.order.companyName})`]);
        show();
      },
      'round.reminder': async (reminder) => {
        const round = rounds.get(reminder.roundId);
        if (!round) return;
        round.reminded = true;
        round.overdue = reminder.overdue;
        save();
        print([
          `\n>> Påmindelse / reminder: ${round.order.order.title}${reminder.overdue ? ' — fristen er overskredet / deadline passed' : ''}`,
        ]);
      },
      'round.reply-refused': async (refusal) => {
        const title = refusal.roundId ? (answered.get(refusal.roundId) ?? rounds.get(refusal.roundId)?.order.order.title) : undefined;
        print(['', ...renderRefusal(refusal, title)]);
      },
      'pool.candidate-inquiry': async (inquiry) => {
        inquiries.set(inquiry.inquiryId, inquiry);
        save();
        print([
          `\n>> Ny forespørgsel / new inquiry: kandidat/candidate ${inquiry.candidateRef} (fra/from jobcenter ${inquiry.fromJobcentre})`,
        ]);
        show();
      },
      'pool.inquiry-answered': async (answered) => {
        print(['', ...renderAnswered(answered)]);
      },
      'pool.inquiry-answer-refused': async (refusal) => {
        print(['', ...renderAnswerRefused(refusal)]);
      },
      'round.withdrawn': async (withdrawn) => {
        if (!rounds.delete(withdrawn.roundId)) return;
        save();
        print([`\n>> Trukket tilbage / withdrawn (${withdrawn.reason}): runde ${withdrawn.roundId}`]);
        show();
      },
    },
  );

  const rl = createInterface({ input: options.input, output: options.output, terminal: false });
  print(HELP);
  show();
  try {
    for await (const line of rl) {
      const command = parseCommand(line);
      const list = sortedRounds([...rounds.values()]);
      switch (command.kind) {
        case 'quit':
          return;
        case 'help':
          print(HELP);
          break;
        case 'list':
          show();
          break;
        case 'invalid':
          print([command.message]);
          break;
        case 'answer': {
          const inquiry = sortedInquiries([...inquiries.values()])[command.index - 1];
          if (!inquiry) {
            print([`ingen forespørgsel nr. ${command.index} / no inquiry #${command.index}`]);
            break;
          }
          await connector.answerInquiry({
            inquiryId: inquiry.inquiryId,
            candidateRef: inquiry.candidateRef,
            answer: command.answer,
            ...(command.note ? { note: command.note } : {}),
          });
          inquiries.delete(inquiry.inquiryId);
          save();
          print([`Svar sendt / answer sent: kandidat/candidate ${inquiry.candidateRef} — ${command.answer}`]);
          show();
          break;
        }
        case 'none':
        case 'candidate': {
          const round = list[command.index - 1];
          if (!round) {
            print([`ingen rundsending nr. ${command.index} / no broadcast #${command.index}`]);
            break;
          }
          const { roundId, orderId } = round.order;
          await connector.reply(
            command.kind === 'none'
              ? { roundId, orderId, answer: 'none', candidates: [] }
              : { roundId, orderId, answer: 'candidates', candidates: [{ candidateRef: command.ref, summary: command.summary }] },
          );
          rounds.delete(roundId);
          answered.set(roundId, round.order.order.title);
          save();
          print([
            `Svar sendt / reply sent: ${round.order.order.title} — ${command.kind === 'none' ? 'ingen kandidater / none' : command.ref}`,
          ]);
          show();
          break;
        }
      }
    }
  } finally {
    rl.close();
    await connector.stop();
  }
}

const InboxFile = z.array(
  z.object({ order: OrderBroadcast, receivedAt: z.string(), reminded: z.boolean().optional(), overdue: z.boolean().optional() }),
);

function loadInquiries(file: string): CandidateInquiry[] {
  if (!existsSync(file)) return [];
  const parsed = z.array(CandidateInquiry).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not an inbox inquiry file: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

function load(file: string): InboxRound[] {
  if (!existsSync(file)) return [];
  const parsed = InboxFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not an inbox file: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}
