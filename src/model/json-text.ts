import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * JSON.parse with a location: V8's messages carry an offset only for some errors (never for a bad
 * literal such as `tru`), and people fix files by line and column. When JSON.parse fails,
 * jsonc-parser (the parser behind VS Code's JSON support) says where and why, in strict JSON mode.
 */
export type JsonParse = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

export function parseJsonText(text: string): JsonParse {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (error) {
    const found = firstError(source) ?? { offset: source.length, message: error instanceof Error ? error.message : String(error) };
    return { ok: false, ...lineAndColumn(source, found.offset), message: found.message };
  }
}

/** 1-based line and column of an offset, as editors count them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** What each of jsonc-parser's error codes means to someone editing a model file. */
const MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: 'a value was expected',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a double-quoted property name',
  ValueExpected: 'a value was expected',
  ColonExpected: 'expected ":" after a property name',
  CommaExpected: 'expected "," between values',
  CloseBraceExpected: 'expected "," or "}" after a property value',
  CloseBracketExpected: 'expected "," or "]" after an array element',
  EndOfFileExpected: 'unexpected text after the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'invalid number',
  InvalidUnicode: 'bad \\u escape in a string',
  InvalidEscapeCharacter: 'bad escape in a string',
  InvalidCharacter: 'control character (such as a raw line break) inside a string',
};

/** The first syntax error of `text` in strict JSON, or undefined when there is none. */
function firstError(text: string): { offset: number; message: string } | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors.sort((a, b) => a.offset - b.offset)[0];
  if (!first) return undefined;
  const what = MESSAGES[printParseErrorCode(first.error)] ?? 'invalid JSON';
  return { offset: first.offset, message: `${what}, found ${describe(text, first.offset, first.length)}` };
}

function describe(text: string, offset: number, length: number): string {
  if (offset >= text.length) return 'end of file';
  const found = text.slice(offset, offset + Math.max(1, Math.min(length, 20)));
  return JSON.stringify(found);
}
