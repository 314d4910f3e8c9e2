const DAY_MS = 86_400_000;

const startOfUtcDay = (ms: number): number => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
};

const monthsFrom = (ms: number, months: number): number => {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
};

/**
 * Port's date presets as a {from, to} range around `now`.
 * Port: confirmed (SPEC date rule presets; PORT-API.md 2.8, 4.3 — the preset names);
 * Port: assumed (unlisted; date-presets-rolling-utc) — today/tomorrow/yesterday are UTC calendar
 * days, every other preset a rolling window ending (last*) or starting (next*) now.
 */
export function presetRange(preset: string, now: number): { from: number; to: number } | undefined {
  const today = startOfUtcDay(now);
  switch (preset) {
    case 'today':
      return { from: today, to: today + DAY_MS - 1 };
    case 'tomorrow':
      return { from: today + DAY_MS, to: today + 2 * DAY_MS - 1 };
    case 'yesterday':
      return { from: today - DAY_MS, to: today - 1 };
  }
  const rolling: Record<string, [days: number, months: number]> = {
    Day: [1, 0],
    Week: [7, 0],
    '2Weeks': [14, 0],
    Month: [0, 1],
    '3Months': [0, 3],
    '6Months': [0, 6],
    '12Months': [0, 12],
    '2Years': [0, 24],
    '3Years': [0, 36],
  };
  const match = /^(last|next)(.+)$/.exec(preset);
  const span = match ? rolling[match[2] ?? ''] : undefined;
  if (!match || !span) return undefined;
  const [days, months] = span;
  const sign = match[1] === 'last' ? -1 : 1;
  const other = monthsFrom(now + sign * days * DAY_MS, sign * months);
  return sign < 0 ? { from: other, to: now } : { from: now, to: other };
}

/** The names presetRange knows, for error messages. */
export const DATE_PRESETS = [
  'today',
  'tomorrow',
  'yesterday',
  ...['Day', 'Week', '2Weeks', 'Month', '3Months', '6Months', '12Months', '2Years', '3Years'].flatMap((s) => [`last${s}`, `next${s}`]),
];
