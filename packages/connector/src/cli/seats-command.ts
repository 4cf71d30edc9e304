import { connectBus } from '@rs/bus';
import { loadConfig } from '@rs/config';
import { CourseId, SeatRequest } from '@rs/contracts';
import type { Command } from 'commander';
import pino from 'pino';
import { z } from 'zod';
import { seatRequests } from '../seats/seat-requests';
import { brokerUrlFor } from './broker-url';
import { parseFlags, syncVars } from './config';

/** Environment of `rs-connector seats`: one jobcentre, the one asking (the same variables as sync). */
const seatVars = syncVars;

const RequestArgs = z.object({
  courseId: CourseId,
  seats: z.coerce.number().int().min(1).max(500),
  candidates: z
    .string()
    .optional()
    // Absent keeps the candidates named before; --candidates '' names none.
    .transform((s) => (s === undefined ? undefined : s.trim() === '' ? [] : s.split(',').map((c) => c.trim()))),
});

/** The arguments of `seats request`, validated like the environment (every bad one named as `--<name>`). */
export function parseSeatRequestArgs(courseId: string, seats: string, candidates: string | undefined) {
  return parseFlags(SeatRequest, parseFlags(RequestArgs, { courseId, seats, candidates }));
}

export function parseWithdrawArgs(courseId: string) {
  return parseFlags(z.object({ courseId: CourseId }), { courseId });
}

/**
 * `rs-connector seats request <courseId> <seats> [--candidates a,b]` and `rs-connector seats
 * withdraw <courseId>`: a jobcentre asks for upskilling seats from the command line. It prints the
 * message id once the broker confirmed it; the answer (recorded or refused, with the reason)
 * arrives on the jobcentre's queue, where its connector reads it.
 */
export function registerSeatCommands(program: Command, env: NodeJS.ProcessEnv): void {
  const seats = program.command('seats').description('request, change or withdraw seats on an upskilling course (until its window closes)');
  const withBus = async (use: (requests: ReturnType<typeof seatRequests>) => Promise<string>) => {
    const config = loadConfig(seatVars, env);
    const [code] = config.JOBCENTRES as [number];
    const logger = pino({ name: 'rs-connector', level: config.LOG_LEVEL }, pino.destination(2)).child({ jobcentre: code });
    const bus = connectBus({ url: brokerUrlFor(config.AMQP_URL, code, config), name: `seats-${code}`, logger });
    try {
      const id = await use(seatRequests({ bus, jobcentre: code }));
      process.stdout.write(`sent as jobcentre ${code} (message ${id}); the answer comes on jobcentre.${code}\n`);
    } finally {
      await bus.close();
    }
  };
  seats
    .command('request')
    .description('ask for seats (replaces an earlier request); name pseudonymous candidates with --candidates')
    .argument('<courseId>', 'the course, as in its course.offered message')
    .argument('<seats>', 'number of seats, 1-500')
    .option('--candidates <refs>', "comma-separated candidate references from the pool (absent: keep those named before; '' names none)")
    .action(async (courseId: string, count: string, options: { candidates?: string }) => {
      const request = parseSeatRequestArgs(courseId, count, options.candidates);
      await withBus((r) => r.request(request));
    });
  seats
    .command('withdraw')
    .description('withdraw the request (after allocation: give back every seat)')
    .argument('<courseId>', 'the course')
    .action(async (courseId: string) => {
      const args = parseWithdrawArgs(courseId);
      await withBus((r) => r.withdraw(args.courseId));
    });
}
