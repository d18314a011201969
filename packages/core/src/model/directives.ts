/** Inline configuration comments: <!-- plan-lint-disable rule-a rule-b -- reason --> and friends. */
import type { Directive, DirectiveKind } from '../types.js';
import type { LineIndex } from '../positions.js';

const HEAD = /^\s*plan-lint-(disable-next-line|disable-line|disable|enable)(?=\s|$)/;
const RULE_ID = /[^\s,]+/g;

/** Reads every plan-lint directive in the HTML source between `start` and `end`. */
export function readDirectives(text: string, start: number, end: number, index: LineIndex, out: Directive[]): void {
  const src = text.slice(start, end);
  // indexOf, not /<!--([\s\S]*?)-->/g: that regex rescans to the end from every unclosed "<!--" (quadratic).
  for (let open = src.indexOf('<!--'); open !== -1; ) {
    const close = src.indexOf('-->', open + 4);
    if (close === -1) break;
    const m = { index: open, 0: src.slice(open, close + 3) };
    const body = src.slice(open + 4, close);
    open = src.indexOf('<!--', close + 3);
    const head = HEAD.exec(body);
    if (!head) continue;
    const bodyStart = start + m.index + 4;
    const kind = head[1] as DirectiveKind;
    let rulesText = body.slice(head[0].length);
    let reason: string | undefined;
    const sep = rulesText.search(/(?:^|\s)--(?:\s|$)/);
    if (sep !== -1) {
      reason = rulesText.slice(sep).replace(/^\s*--/, '').trim();
      rulesText = rulesText.slice(0, sep);
    }
    const rulesStart = bodyStart + head[0].length;
    const rules: Directive['rules'] = [];
    RULE_ID.lastIndex = 0;
    let r: RegExpExecArray | null;
    while ((r = RULE_ID.exec(rulesText)) !== null) {
      rules.push({ id: r[0], range: index.rangeAt(rulesStart + r.index, rulesStart + r.index + r[0].length) });
    }
    const directive: Directive = { kind, rules, range: index.rangeAt(start + m.index, start + m.index + m[0].length) };
    if (reason) directive.reason = reason;
    out.push(directive);
  }
}
