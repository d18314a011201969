/**
 * What every section of one file's part of the HTML report is given. A section is a function of a FileView
 * returning HTML (html.ts lists them in order): a new section is one more function in that list.
 */
import type { PlanDocument } from '@plan-lint/core';
import type { CliResult, FormatContext } from '../../types.js';
import type { FindingGroups } from './findings.js';
import type { Matrix } from './matrix.js';

export interface FileView {
  result: CliResult;
  context: FormatContext;
  /** The file's path as shown (relative to the current directory). */
  name: string;
  /** The findings grouped by where they are (document, section preamble, measure). */
  findings: FindingGroups;
  /** The plan model (absent for a result without one: an API caller's). */
  document?: PlanDocument;
  /** The measure × ministry matrix of the document. */
  matrix?: Matrix;
  /** A unique element id for something in this file's part of the page (`anchor('m', '1-(i)')`). */
  anchor(kind: string, id?: string): string;
}

export type FileSection = (view: FileView) => string;
