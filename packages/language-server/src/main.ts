/**
 * The plan-lint-language-server executable: `plan-lint-language-server --stdio`
 * (or --node-ipc, --socket=<port>, --pipe=<name>).
 */
import { rules } from '@plan-lint/rules';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';
import { serverVersion } from './version.js';

const USAGE = `Usage: plan-lint-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The plan-lint language server speaks the Language Server Protocol. Editors start it
themselves; over --stdio it reads JSON-RPC on standard input and answers on standard output.
`;

const args = process.argv.slice(2);
const transport = args.some((a) => a === '--stdio' || a === '--node-ipc' || /^--(socket|pipe)(=|$)/.test(a));

if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${serverVersion()}\n`);
} else if (!transport) {
  process.stderr.write(`plan-lint-language-server: no transport given.\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', (error) => {
    connection.console.error(`plan-lint: uncaught error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  });
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`plan-lint: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });
  startServer(connection, { rules });
  connection.listen();
}
