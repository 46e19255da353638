import cliProgress from 'cli-progress';

export interface Progress {
  /** Advance by n items (and optionally bytes). */
  tick(n?: number): void;
  setTotal(total: number): void;
  stop(): void;
}

const quiet: Progress = { tick: () => undefined, setTotal: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr when it is a terminal; silent otherwise (CI, pipes, --json consumers).
 * `total` 0 means unknown: the bar shows a running count.
 */
export function createProgress(label: string, total = 0, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY !== true || process.env.CI === 'true') return quiet;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: total > 0 ? `${label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}` : `${label} {value}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let value = 0;
  return {
    tick: (n = 1) => {
      value += n;
      bar.update(value);
    },
    setTotal: (t) => bar.setTotal(t),
    stop: () => bar.stop(),
  };
}
