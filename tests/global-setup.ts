/**
 * Before any test: the data files the packages read at run time are brought up to date from their sources
 * (schema/, seeds/registry.json, rules/*.md; scripts/package-data.mjs, which the build runs too), so that a
 * test never reads a copy older than the file a developer just edited.
 */
import { copyPackageData } from '../scripts/package-data.mjs';

export default function setup(): void {
  copyPackageData();
}
