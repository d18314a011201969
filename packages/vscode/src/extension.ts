/**
 * The plan-lint extension for VS Code: a client of the plan-lint language
 * server, which ships bundled beside it (dist/server.mjs).
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { SettingTraceChannel } from './trace-channel.js';

/** The server's command that applies every fix to a document (see packages/language-server/src/server.ts). */
const SERVER_FIX_ALL = 'plan-lint.applyFixAll';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = vscode.window.createOutputChannel('plan-lint', { log: true });
  const trace = new SettingTraceChannel(output, 'planLint.trace.server');
  context.subscriptions.push(output, trace);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    // VS Code pulls diagnostics; the server then does not push them as well (no duplicates).
    // VS Code's built-in Markdown symbols list every heading; the server then lists only the measures,
    // by id (`1-(x) Title`), so Go to Symbol shows no section twice.
    initializationOptions: { pushDiagnostics: false, sectionSymbols: false },
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel: output,
    traceOutputChannel: trace,
  };

  // The id 'planLint' makes the client read the verbosity from the 'planLint.trace.server' setting.
  client = new LanguageClient('planLint', 'plan-lint', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('plan-lint.fixAll', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'markdown') {
        void vscode.window.showInformationMessage('plan-lint: open a Markdown draft to fix it.');
        return;
      }
      if (!client) return;
      const result = (await client.sendRequest(ExecuteCommandRequest.type, {
        command: SERVER_FIX_ALL,
        arguments: [editor.document.uri.toString()],
      })) as { applied?: boolean } | null;
      if (!result?.applied) void vscode.window.showInformationMessage('plan-lint: nothing to fix automatically.');
    }),
  );

  await client.start();
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
