import { SingleBar } from 'cli-progress';
import type { SyncProgress } from './run-sync';

/**
 * Shows a sync's progress: a bar on a terminal, otherwise (logs, CI) a plain line at every
 * tenth of the source, so a large file is never silent.
 */
export function progressView(stream: NodeJS.WriteStream) {
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: 'sync [{bar}] {percentage}% | {sent} CVs sent | {invalid} invalid',
      hideCursor: true,
    });
    let started = false;
    return {
      update(p: SyncProgress) {
        const total = p.totalBytes ?? Math.max(p.bytesRead, 1);
        if (!started) bar.start(total, 0, { sent: 0, invalid: 0 });
        started = true;
        bar.setTotal(total);
        bar.update(p.bytesRead, { sent: p.sent, invalid: p.invalid });
      },
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    update(p: SyncProgress) {
      const tenth = p.totalBytes ? Math.floor((p.bytesRead / p.totalBytes) * 10) : Math.floor(p.sent / 5000);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      const share = p.totalBytes ? ` (${Math.round((p.bytesRead / p.totalBytes) * 100)}%)` : '';
      stream.write(`sync: ${p.sent} CVs sent, ${p.invalid} invalid${share}\n`);
    },
    stop() {},
  };
}
