import type { FormatName } from '../args.js';
import type { Formatter } from '../types.js';

/** Formatters are imported only when used, so a plain run loads only what it prints. */
const loaders: Record<FormatName, () => Promise<{ default: Formatter }>> = {
  stylish: () => import('./stylish.js'),
  json: () => import('./json.js'),
  sarif: () => import('./sarif.js'),
  github: () => import('./github.js'),
  gitlab: () => import('./gitlab.js'),
  junit: () => import('./junit.js'),
  html: () => import('./html.js'),
};

export async function loadFormatter(name: FormatName): Promise<Formatter> {
  return (await loaders[name]()).default;
}
