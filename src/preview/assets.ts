import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_CSS } from './page-style.js';

const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>port-catalog-sync preview</title>
<link rel="stylesheet" href="/assets/page.css">
</head>
<body>
<header><strong>Preview</strong><nav id="nav"></nav></header>
<main id="main"><p class="muted">Loading...</p></main>
<script src="/assets/page.js"></script>
</body>
</html>
`;

/** Everything the page loads, served by the product itself: it works offline. */
export const PAGE_ASSETS: Record<string, { type: string; body: string }> = {
  '/index.html': { type: 'text/html; charset=utf-8', body: PAGE_HTML },
  '/assets/page.js': { type: 'text/javascript; charset=utf-8', body: PAGE_SCRIPT },
  '/assets/page.css': { type: 'text/css; charset=utf-8', body: PAGE_CSS },
};
