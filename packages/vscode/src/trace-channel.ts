/**
 * The channel the language client writes its protocol trace to.
 *
 * vscode-languageclient 9 and later trace only while their trace channel's log level is Trace
 * (`planLint.trace.server` then picks "messages" or "verbose"), and write each line with `trace()`,
 * which the Output view drops below that level. At the default level (Info) the setting alone would
 * show nothing. This channel reports Trace while the setting is on, and writes the trace lines at
 * Info when its output channel is not at Trace, so they appear in Output ▸ plan-lint.
 */
import * as vscode from 'vscode';

export class SettingTraceChannel implements vscode.LogOutputChannel, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly listeners: vscode.Disposable[];
  readonly onDidChangeLogLevel = this.changed.event;

  /** `setting` is the full name of the trace setting, e.g. 'planLint.trace.server'. */
  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly setting: string,
  ) {
    this.listeners = [
      output.onDidChangeLogLevel(() => this.changed.fire(this.logLevel)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(setting)) this.changed.fire(this.logLevel);
      }),
    ];
  }

  private get tracing(): boolean {
    return vscode.workspace.getConfiguration().get<string>(this.setting, 'off') !== 'off';
  }

  get logLevel(): vscode.LogLevel {
    return this.tracing ? vscode.LogLevel.Trace : this.output.logLevel;
  }

  get name(): string {
    return this.output.name;
  }

  trace(message: string, ...args: unknown[]): void {
    if (this.output.logLevel === vscode.LogLevel.Trace) this.output.trace(message, ...args);
    else this.output.info(message, ...args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.output.debug(message, ...args);
  }

  info(message: string, ...args: unknown[]): void {
    this.output.info(message, ...args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.output.warn(message, ...args);
  }

  error(error: string | Error, ...args: unknown[]): void {
    this.output.error(error, ...args);
  }

  append(value: string): void {
    this.output.append(value);
  }

  appendLine(value: string): void {
    this.output.appendLine(value);
  }

  replace(value: string): void {
    this.output.replace(value);
  }

  clear(): void {
    this.output.clear();
  }

  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'number') this.output.show(columnOrPreserveFocus, preserveFocus);
    else this.output.show(columnOrPreserveFocus);
  }

  hide(): void {
    this.output.hide();
  }

  /** Stops following the setting; the output channel belongs to its creator. */
  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.changed.dispose();
  }
}
