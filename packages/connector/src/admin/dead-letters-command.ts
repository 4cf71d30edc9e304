import { type DeadLetter, type DeadLetterSession, openDeadLetters } from '@rs/bus';
import { loadConfig } from '@rs/config';
import { allDeadLetterQueues } from '@rs/contracts';
import { Command } from 'commander';
import { deadLetterVars } from '../cli/config';
import { deadLetterRow, renderDeadLetter, renderDeadLetterTable } from './dead-letter-view';

interface Scope {
  queue?: string[];
}

/** Runs `work` on a session over the chosen dead-letter queues; whatever it did not redrive goes back. */
async function withDeadLetters<T>(
  env: Record<string, string | undefined>,
  scope: Scope,
  work: (session: DeadLetterSession, letters: DeadLetter[]) => Promise<T>,
): Promise<T> {
  const config = loadConfig(deadLetterVars, env);
  const session = await openDeadLetters(config.AMQP_URL, scope.queue?.length ? scope.queue : allDeadLetterQueues());
  try {
    return await work(session, await session.read());
  } finally {
    await session.close();
  }
}

const out = (lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);

/**
 * `rs-admin dead-letters list | show <id> | redrive <id...> | redrive --all`. Reading returns
 * every message to its dead-letter queue; a redrive removes one only after the broker confirmed
 * it on its original queue, with its message id kept so the consumer's inbox still dedupes.
 */
export function deadLettersCommand(env: Record<string, string | undefined>): Command {
  const command = new Command('dead-letters').description(
    'inspect and redrive dead letters (env AMQP_URL: an administrator on the vhost); default: every dead-letter queue of the platform',
  );
  const queueOption = ['--queue <name...>', 'only these dead-letter queues, e.g. broadcast.replies.dead-letter'] as const;

  command
    .command('list')
    .description('id, type, original queue, reason and time of every dead letter')
    .option(...queueOption)
    .option('--json', 'one JSON array instead of a table')
    .action((options: Scope & { json?: boolean }) =>
      withDeadLetters(env, options, async (_session, letters) => {
        if (options.json) process.stdout.write(`${JSON.stringify(letters.map(deadLetterRow), null, 2)}\n`);
        else out(renderDeadLetterTable(letters));
      }),
    );

  command
    .command('show')
    .description('one dead letter with its headers and payload (candidate summaries redacted)')
    .argument('<id>', 'message id, as in the list')
    .option(...queueOption)
    .option('--full', 'show candidate summaries and notes too (personal data: only when needed)')
    .action((id: string, options: Scope & { full?: boolean }) =>
      withDeadLetters(env, options, async (_session, letters) => {
        const found = letters.filter((d) => d.id === id);
        if (found.length === 0) {
          console.error(`intet dødt brev / no dead letter with id ${id}`);
          process.exitCode = 1;
          return;
        }
        out(found.flatMap((d, i) => [...(i > 0 ? ['', '---'] : []), ...renderDeadLetter(d, options.full === true)]));
      }),
    );

  command
    .command('redrive')
    .description('put dead letters back to their original queue, once each (then they leave the dead-letter queue)')
    .argument('[ids...]', 'message ids, as in the list')
    .option(...queueOption)
    .option('--all', 'every dead letter in scope')
    .action((ids: string[], options: Scope & { all?: boolean }) =>
      withDeadLetters(env, options, async (session, letters) => {
        if (!options.all && ids.length === 0) throw new Error('name the ids to redrive, or --all / angiv id’er eller --all');
        const wanted = options.all ? [...new Set(letters.map((d) => d.id))] : ids;
        let failed = 0;
        for (const id of wanted) {
          const letter = letters.find((d) => d.id === id);
          if (!letter) {
            console.error(`intet dødt brev / no dead letter with id ${id}`);
            failed++;
            continue;
          }
          try {
            await session.redrive(letter);
            console.error(`redriven / sendt igen: ${id} → ${letter.originalQueue}`);
          } catch (error) {
            console.error(`not redriven / ikke sendt igen: ${id}: ${(error as Error).message}`);
            failed++;
          }
        }
        if (failed > 0) process.exitCode = 1;
      }),
    );
  return command;
}
