#!/usr/bin/env node
// The language server's command, in the plan-lint package too: npm links the commands of the packages a project
// depends on directly, so `npm install -D plan-lint` gives both `plan-lint` and `plan-lint-language-server`.
// The server is @plan-lint/language-server (a dependency of this package).
import '@plan-lint/language-server/main';
