/** The page's styles (no external fonts or frameworks: the page works offline). */
export const PAGE_CSS = `
:root { --bg: #f6f7f9; --card: #fff; --ink: #1d2433; --muted: #667085; --line: #e4e7ec; --accent: #3b5bdb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; gap: 24px; align-items: center; padding: 10px 20px; background: #1d2433; color: #fff; flex-wrap: wrap; }
header strong { font-size: 15px; }
header nav { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
header nav span { color: #98a2b3; margin: 0 4px 0 10px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
header a { color: #fff; text-decoration: none; padding: 4px 8px; border-radius: 6px; }
header a:hover, header a.active { background: #344054; }
main { padding: 20px; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 20px; margin: 0 0 16px; }
h2 { font-size: 15px; margin: 0 0 8px; }
a { color: var(--accent); }
.row { display: flex; gap: 16px; margin-bottom: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; min-width: 0; overflow: auto; }
.muted { color: var(--muted); }
.number-value { font-size: 40px; font-weight: 650; margin: 18px 0 6px; }
.number-message { font-size: 13px; font-weight: 600; }
.chart { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
.legend { list-style: none; padding: 0; margin: 0; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.swatch { width: 10px; height: 10px; border-radius: 2px; display: inline-block; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { color: var(--muted); font-weight: 600; position: sticky; top: 0; background: var(--card); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #1d2433; }
.levels { display: flex; height: 22px; border-radius: 6px; overflow: hidden; margin: 6px 0; }
.levels div { display: flex; align-items: center; justify-content: center; font-size: 11px; font-weight: 600; }
input[type=search] { padding: 7px 10px; border: 1px solid var(--line); border-radius: 6px; width: 320px; margin-bottom: 10px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px; }
.failing li { color: #b42318; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; word-break: break-word; }
`;
