/**
 * An esbuild plugin for the bundles (the CLI's, packages/cli/scripts/build.mjs; the VS Code extension's server,
 * packages/vscode/scripts/build.mjs). In a bundle every module shares the bundle's `import.meta.url`, but the
 * engine finds its data relative to its own module (packages/core: `../data/`; rules: `<id>.md` beside
 * them). So each module of the listed packages gets back the URL it has in its installed package:
 * `import.meta.url` in `<package dir>/dist/x.js` becomes `new URL("dist/x.js", <base>).href`, where `<base>`
 * is a JavaScript expression, evaluated at run time, for the URL of the installed package's folder.
 *
 *   moduleUrlPlugin([{ dir: '/repo/packages/core', base: 'packageUrl("@plan-lint/core")' }, ...])
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function moduleUrlPlugin(packages) {
  return {
    name: 'plan-lint-module-url',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => {
        const pkg = packages.find((p) => args.path.startsWith(p.dir + path.sep));
        if (!pkg) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const rel = path.relative(pkg.dir, args.path).split(path.sep).join('/');
        return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, ${pkg.base}).href`), loader: 'js' };
      });
    },
  };
}
