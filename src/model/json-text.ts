/**
 * JSON.parse with a location: V8's messages carry an offset only for some errors (never for a bad
 * literal such as `tru`), and people fix files by line and column. When JSON.parse fails, a small
 * scanner walks the text to find where and why.
 */
export type JsonParse = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

export function parseJsonText(text: string): JsonParse {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (error) {
    const found = findSyntaxError(source) ?? { offset: source.length, message: error instanceof Error ? error.message : String(error) };
    return { ok: false, ...lineAndColumn(source, found.offset), message: found.message };
  }
}

/** 1-based line and column of an offset, as editors count them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

interface SyntaxProblem {
  offset: number;
  message: string;
}

class Fail extends Error {
  constructor(readonly problem: SyntaxProblem) {
    super(problem.message);
  }
}

/** The first syntax error of `text`, or undefined when the scanner finds none. */
function findSyntaxError(text: string): SyntaxProblem | undefined {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new Fail({ offset: at, message });
  };
  const describe = (at: number) => (at >= text.length ? 'end of file' : `character ${JSON.stringify(text[at])}`);
  const skip = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const expect = (what: string) => {
    skip();
    if (text[i] !== what) fail(`expected ${JSON.stringify(what)} but found ${describe(i)}`);
    i++;
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i] ?? '';
      if (c === '"') return void i++;
      if (c < ' ') fail('control character (such as a raw line break) inside a string');
      if (c === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in a string');
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') fail(`bad escape \\${e} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
    fail('unterminated string');
  };
  const value = (): void => {
    skip();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i));
    if (literal) {
      i += literal[0].length;
      return;
    }
    fail(i >= text.length ? 'unexpected end of file, a value was expected' : `unexpected ${describe(i)}, a value was expected`);
  };
  const object = () => {
    i++;
    skip();
    if (text[i] === '}') return void i++;
    for (;;) {
      skip();
      if (text[i] !== '"') fail(`expected a double-quoted property name but found ${describe(i)}`);
      string();
      expect(':');
      value();
      skip();
      if (text[i] === '}') return void i++;
      if (text[i] !== ',') fail(`expected "," or "}" after a property value but found ${describe(i)}`);
      i++;
    }
  };
  const array = () => {
    i++;
    skip();
    if (text[i] === ']') return void i++;
    for (;;) {
      value();
      skip();
      if (text[i] === ']') return void i++;
      if (text[i] !== ',') fail(`expected "," or "]" after an array element but found ${describe(i)}`);
      i++;
    }
  };
  try {
    value();
    skip();
    if (i < text.length) fail(`unexpected ${describe(i)} after the JSON value`);
    return undefined;
  } catch (error) {
    if (error instanceof Fail) return error.problem;
    throw error;
  }
}
