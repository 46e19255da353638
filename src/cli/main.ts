import { Command, CommanderError } from 'commander';
import { SpearwatchError, toSpearwatchError, VERSION } from '../core/index.js';
import { COMMANDS } from './commands/index.js';
import { takeRequestedExit } from './context.js';

export function buildProgram(): Command {
  const program = new Command('spearwatch')
    .description('Defends cryptocurrency exchanges against state-sponsored attackers: from the phishing mail to the stolen satoshi.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--home <dir>', 'SPEARWATCH_HOME: where the embedded store and config live (default ./.spearwatch)')
    .option('--config <file>', 'configuration file (default <home>/spearwatch.config.json)')
    .option('--log-level <level>', 'error, warn, info or debug (logs go to stderr)')
    .option('-q, --quiet', 'only errors on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions(false);
  for (const register of COMMANDS) register(program);
  // Every command (and subcommand) fails with exit code 2 on usage errors, instead of commander's 1.
  const harden = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(harden);
  };
  harden(program);
  return program;
}

function renderError(e: SpearwatchError): void {
  process.stderr.write(`spearwatch: ${e.code}: ${e.message}\n`);
  if (e.code === 'SW_INTERNAL' && e.cause instanceof Error && e.cause.stack !== undefined) {
    process.stderr.write(e.cause.stack + '\n');
  }
}

/** Run the CLI with the given arguments; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return takeRequestedExit();
  } catch (e) {
    takeRequestedExit();
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    const err = toSpearwatchError(e);
    renderError(err);
    return err.exitCode;
  }
}
