/** The plan-lint language server as a library: the service (no connection needed) and the server wiring. */
export { Analysis, analyze, applyTextEdits, buildDocument, createDocumentReuse, FIX_ALL_KIND, minimalEdit, minimalEdits } from './service.js';
export type { DocumentReuse } from './service.js';
export type { ConfigProblem, DocumentInput, LintSetup } from './service.js';
export { ALL_DIAGNOSTIC_FEATURES, SOURCE, toDiagnostic, toSeverity } from './diagnostics.js';
export type { ActionEdit, DiagnosticData, DiagnosticOptions } from './diagnostics.js';
export * as navigation from './navigation.js';
export { PositionMapper } from './positions.js';
export { ConfigurationResolver } from './configuration.js';
export type { DocumentSetup } from './configuration.js';
export { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_LABEL } from './settings.js';
export type { PlanLintSettings, RunMode } from './settings.js';
export { WorkspaceIndex } from './workspace-index.js';
export { APPLY_FIX_ALL_COMMAND, isDraftDocument, PlanLintServer, startServer } from './server.js';
export type { ServerOptions } from './server.js';
