import { describe, expect, it } from 'vitest';
import { schedulesOf } from '../../src/worker/schedules.js';

const schedule = { sync: '*/30 * * * *', cost: '0 */6 * * *' };

describe('schedulesOf', () => {
  it.each([
    [
      ['aws', 'gitlab', 'cost'],
      [
        ['sync', '*/30 * * * *', ['aws', 'gitlab']],
        ['cost', '0 */6 * * *', ['cost']],
      ],
    ],
    [['aws'], [['sync', '*/30 * * * *', ['aws']]]],
    [['cost'], [['cost', '0 */6 * * *', ['cost']]]],
    [[], []],
  ])('sources %j make schedules %j', (sources, expected) => {
    expect(schedulesOf({ sources, schedule }).map((s) => [s.name, s.expression, s.sources])).toEqual(expected);
  });
});
