#!/usr/bin/env node
// The plan-lint command. A committed shim so that npm can link the binary before the build;
// the implementation is the compiled packages/cli/dist/main.js.
let cli;
try {
  cli = await import('../dist/main.js');
} catch (error) {
  const missing = error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist');
  process.stderr.write(
    missing
      ? 'plan-lint: the command is not built yet; run `npm run build` (tsc -b) in the repository first\n'
      : `plan-lint: could not start: ${error && error.message ? error.message : error}\n`,
  );
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));
