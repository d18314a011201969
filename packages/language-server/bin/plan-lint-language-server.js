#!/usr/bin/env node
// The plan-lint language server. A committed shim so that npm can link the binary before the build;
// the implementation is the compiled packages/language-server/dist/main.js.
// Start it with --stdio (editors), --node-ipc or --socket=<port>.
import '../dist/main.js';
